"""What a person reads for dateline's codes: the CLI's tables and the web UI show these, the exports and
the JSON keep the codes."""
from __future__ import annotations

ACTOR_KIND_LABELS = {"state_forces": "state forces", "rebels": "rebel group", "political_militia": "political militia",
                     "identity_militia": "identity militia", "rioters": "rioters", "protesters": "protesters",
                     "civilians": "civilians", "external": "external forces", "government": "government",
                     "media": "media", "organization": "organisation", "person": "person", "other": "other"}
STATUS_LABELS = {"asserted": "reported", "claimed": "claimed", "denied": "denied", "planned": "planned",
                 "hypothetical": "if/could", "historical": "in the past"}
SPEAKER_LABELS = {"named_person": "named person", "named_organization": "named organisation",
                  "official_unnamed": "unnamed official", "anonymous": "anonymous source", "media": "media",
                  "self": "its own account"}
