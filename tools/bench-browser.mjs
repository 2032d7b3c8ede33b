// Runs the browser benchmark page (built into DIR) in headless Chromium and prints its result,
// with the native criterion median for the same input beside it.
// usage: node tools/bench-browser.mjs DIR [criterion-estimates.json]
import { readFileSync, existsSync } from "node:fs";
import { serve, launch, record } from "./headless.mjs";

const [dir, estimates] = process.argv.slice(2);
const server = await serve(dir);
try {
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.locator('#result[data-done="true"]').waitFor({ timeout: 300_000 });
  const result = JSON.parse(await page.locator("#result").textContent());
  await browser.close();
  if (result.error) throw new Error(result.error);
  console.log(`browser (Chromium, web profile): ${result.documents} documents, ${result.tokens} tokens, ` +
    `median of 5 runs ${result.median_ms} ms = ${result.tokens_per_s} tokens/s (runs: ${result.runs_ms.map((x) => x.toFixed(0)).join(", ")} ms)`);
  record("browser", { tokens: result.tokens, median_ms: result.median_ms });
  if (estimates && existsSync(estimates)) {
    const nativeMs = JSON.parse(readFileSync(estimates, "utf8")).median.point_estimate / 1e6;
    console.log(`native (criterion, release profile): median ${nativeMs.toFixed(1)} ms = ${(result.tokens / (nativeMs / 1000)).toFixed(0)} tokens/s`);
    console.log(`browser / native time per token: ${(result.median_ms / nativeMs).toFixed(2)}x (target: at most 2x)`);
  }
} finally {
  server.stop();
}
