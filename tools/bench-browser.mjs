// Runs the browser benchmark page (built into DIR) in headless Chromium and prints its result,
// with the native criterion median for the same input beside it.
// usage: node tools/bench-browser.mjs DIR [criterion-estimates.json]
import { spawn } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { chromium } from "playwright-core";

const [dir, estimates] = process.argv.slice(2);
const port = 8000 + Math.floor(Math.random() * 1000);
const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], { stdio: "ignore" });
try {
  await new Promise((r) => setTimeout(r, 700));
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('#result[data-done="true"]').waitFor({ timeout: 300_000 });
  const result = JSON.parse(await page.locator("#result").textContent());
  await browser.close();
  if (result.error) throw new Error(result.error);
  console.log(`browser (Chromium, web profile): ${result.documents} documents, ${result.tokens} tokens, ` +
    `median of 5 runs ${result.median_ms} ms = ${result.tokens_per_s} tokens/s (runs: ${result.runs_ms.map((x) => x.toFixed(0)).join(", ")} ms)`);
  if (estimates && existsSync(estimates)) {
    const nativeMs = JSON.parse(readFileSync(estimates, "utf8")).median.point_estimate / 1e6;
    console.log(`native (criterion, release profile): median ${nativeMs.toFixed(1)} ms = ${(result.tokens / (nativeMs / 1000)).toFixed(0)} tokens/s`);
    console.log(`browser / native time per token: ${(result.median_ms / nativeMs).toFixed(2)}x (target: at most 2x)`);
  }
} finally {
  server.kill();
}
