// Ingest progress in the header, and the page brought up to date when a run ends (the store's runs table,
// polled: one indexed row a read, every 2 s while a run goes on and every 5 s otherwise).

import { api, el } from "./dom.js";

export function watchRuns(onEnded) {
  const box = document.getElementById("run");
  let seen = null;  // the latest run as last read: "id:state"
  const poll = async () => {
    let running = false;
    try {
      const run = (await api("runs", { limit: 1 })).runs[0];
      running = Boolean(run && run.state === "running");
      const now = run ? `${run.id}:${run.state}` : "none";
      if (seen !== null && now !== seen && run && !running) {
        box.hidden = false;
        box.replaceChildren(el("span", { class: "run-ended" }, `Ingest ${run.state}: ${run.articles} articles, ${run.events} events`
          + ` (${run.failures} failed); the page shows them.`));
        onEnded(run);
      } else if (running) {
        box.hidden = false;
        const bar = run.total ? el("progress", { max: run.total, value: run.done }) : null;
        box.replaceChildren(bar || "", `Ingest running: ${run.done}${run.total ? "/" + run.total : ""} articles`,
          run.rate ? ` · ${run.rate.toFixed(1)}/s` : "", run.eta_seconds != null ? ` · ETA ${Math.round(run.eta_seconds)} s` : "",
          ` · ${run.events} events, ${run.failures} failed`);
      } else if (seen === null) {
        box.hidden = true;
      }
      seen = now;
      box.dataset.seen = now;  // what the page knows of the runs (a test waits for its first reading)
    } catch (error) {
      box.hidden = true;
    }
    setTimeout(poll, running ? 2000 : 5000);
  };
  poll();
}
