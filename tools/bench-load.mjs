// Loading and memory of the built page (dist/) in headless Chromium, on a local server: the time
// from navigation to a usable paste box and to names coming from the model (the model file
// arrives after the first render); then, after analysing an article of WORDS words (100,000
// unless the environment says otherwise), the time from Analyze to the drawn highlights, the
// longest main-thread task meanwhile, and the memory the page holds (JS heap, wasm memory).
// The article is the Press TV sample and the quote development texts, repeated.
// usage: [WORDS=N] node tools/bench-load.mjs DIST SHARED_DIR
import { serve, launch, record, benchArticle, timeAnalyze } from "./headless.mjs";

const [dist, shared] = process.argv.slice(2);
const { text, words } = benchArticle(shared, Number(process.env.WORDS ?? 100_000));

const server = await serve(dist);
try {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript(() => {
    window.__marks = {};
    addEventListener("TrunkApplicationStarted", (e) => {
      window.__wasm = e.detail.wasm;
    });
    new MutationObserver(() => {
      const input = document.querySelector('[data-testid="article-input"]');
      if (window.__marks.paste === undefined && input && !input.disabled) window.__marks.paste = performance.now();
      if (window.__marks.model === undefined && document.querySelector('.app[data-model="ready"]')) {
        window.__marks.model = performance.now();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await page.goto(server.url);
  await page.locator('.app[data-model="ready"]').waitFor({ timeout: 120_000 });
  page.setDefaultTimeout(300_000);
  const marks = await page.evaluate(() => window.__marks);
  console.log(`navigation to a usable paste box: ${marks.paste.toFixed(0)} ms; to names from the model: ${marks.model.toFixed(0)} ms`);

  // The text goes in as a paste would leave it: one value and one input event (Playwright's
  // fill types it in, which takes Chromium seconds for a long text, app or not).
  await page.getByTestId("article-input").evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  const drawn = await timeAnalyze(page);
  console.log(`article: ${words} words; Analyze to drawn ${drawn.ms.toFixed(0)} ms, longest main-thread task ${drawn.longest.toFixed(0)} ms`);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const wasmBytes = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
  const mb = (x) => (x / 1e6).toFixed(1);
  console.log(`memory after it: JS heap ${mb(heap.usedSize)} MB used, wasm memory ${mb(wasmBytes)} MB, ` +
    `together ${mb(heap.usedSize + wasmBytes)} MB`);
  record("load", {
    paste_ms: marks.paste, model_ms: marks.model, words, drawn_ms: drawn.ms, longest_task_ms: drawn.longest,
    heap_mb: heap.usedSize / 1e6, wasm_mb: wasmBytes / 1e6,
  });
  await browser.close();
} finally {
  server.stop();
}
