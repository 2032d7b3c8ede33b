// What the browser benchmarks share: serve a built folder on a local port and launch Debian's
// Chromium headless, as the end-to-end tests do.
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { chromium } from "playwright-core";

/** Serves `dir` with python3's http.server; returns its URL and a `stop` function. */
export async function serve(dir) {
  const port = 8000 + Math.floor(Math.random() * 1000);
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 700));
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.kill() };
}

/** Headless Chromium with the flags that keep it from reaching the network. */
export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** Appends `figures` (one benchmark's results) as a JSON line to the file named by
 * BENCH_FIGURES, when it is set; `tools/bench-report.mjs` prints them as one table. */
export function record(tool, figures) {
  const file = process.env.BENCH_FIGURES;
  if (file) appendFileSync(file, JSON.stringify({ tool, ...figures }) + "\n");
}
