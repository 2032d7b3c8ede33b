// Runs the browser benchmark page (built into DIR) in headless Chromium and prints its result,
// with the native criterion median for the same input beside it, and compromise (npm, the
// JavaScript NLP library) in the same page on the same documents, as a ratio per word.
// usage: node tools/bench-browser.mjs DIR [criterion-estimates.json]
import { readFileSync, existsSync } from "node:fs";
import { serve, launch, record } from "./headless.mjs";

const [dir, estimates] = process.argv.slice(2);
const server = await serve(dir);
try {
  const browser = await launch();
  // No CSP here: compromise is added to the page as an inline script.
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(server.url);
  await page.locator('#result[data-done="true"]').waitFor({ timeout: 300_000 });
  const result = JSON.parse(await page.locator("#result").textContent());
  if (result.error) throw new Error(result.error);
  // compromise (npm) in the same page, on the same documents: people, places, organisations
  // and quotations of each, once to warm up and then three times (it is slow), the median.
  await page.addScriptTag({ path: "node_modules/compromise/builds/compromise.js" });
  const peer = await page.evaluate(async () => {
    const docs = (await (await fetch("bench-input.txt")).text()).split("\u001e");
    const words = docs.reduce((n, d) => n + d.split(/\s+/).filter(Boolean).length, 0);
    const run = () => {
      const t0 = performance.now();
      let found = 0;
      for (const text of docs) {
        const doc = window.nlp(text);
        found += doc.people().length + doc.places().length + doc.organizations().length + doc.quotations().length;
      }
      return { ms: performance.now() - t0, found };
    };
    run();
    const runs = [run(), run(), run()].map((r) => r.ms).sort((a, b) => a - b);
    return { words, median_ms: runs[1] };
  });
  peer.version = JSON.parse(readFileSync("node_modules/compromise/package.json", "utf8")).version;
  await browser.close();
  console.log(`browser (Chromium, web profile): ${result.documents} documents, ${result.tokens} tokens, ` +
    `median of 5 runs ${result.median_ms} ms = ${result.tokens_per_s} tokens/s (runs: ${result.runs_ms.map((x) => x.toFixed(0)).join(", ")} ms)`);
  const ratio = peer.median_ms / result.median_ms;
  console.log(`compromise ${peer.version} in the same page: median of 3 runs ${peer.median_ms.toFixed(0)} ms for the same ` +
    `${peer.words} words; the engine is ${ratio.toFixed(1)}x faster per word (target: 20x)`);
  record("browser", { tokens: result.tokens, median_ms: result.median_ms, words: peer.words, compromise_ms: peer.median_ms, compromise_version: peer.version });
  if (estimates && existsSync(estimates)) {
    const nativeMs = JSON.parse(readFileSync(estimates, "utf8")).median.point_estimate / 1e6;
    console.log(`native (criterion, release profile): median ${nativeMs.toFixed(1)} ms = ${(result.tokens / (nativeMs / 1000)).toFixed(0)} tokens/s`);
    console.log(`browser / native time per token: ${(result.median_ms / nativeMs).toFixed(2)}x (target: at most 2x)`);
  }
} finally {
  server.stop();
}
