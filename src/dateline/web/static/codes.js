// The taxonomies' types and the colours every panel draws them in (map, legend, timeline alike).

export const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const COLORS = ["#4e79a7", "#59a14f", "#8cd17d", "#b6992d", "#499894", "#86bcb6", "#9d7660", "#f1ce63",
  "#d37295", "#fabfd2", "#e15759", "#f28e2b", "#b07aa1", "#ff9d9a", "#79706e", "#c0392b"];
export function typeColor(type) { const i = TYPES.indexOf(type); return i < 0 ? "#888" : COLORS[i]; }

export const ACLED_TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
  "Strategic developments"];
const ACLED_COLORS = ["#c0392b", "#e67e22", "#8e44ad", "#2e86c1", "#16a085", "#7f8c8d"];
export function acledColor(type) { const i = ACLED_TYPES.indexOf(type); return i < 0 ? "#bbb" : ACLED_COLORS[i]; }

export const SEVERAL = "#555";  // a place (or a cluster) with events of several types

export function acled(e) { return [e.acled_event_type, e.acled_sub_event_type].filter(Boolean).join(" / ") || "—"; }
