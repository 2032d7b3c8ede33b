// Loading and memory of the built page (dist/) in headless Chromium, on a local server: the time
// from navigation to a usable paste box and to names coming from the model (the model file
// arrives after the first render); then, after analysing an article of WORDS words (100,000
// unless the environment says otherwise), the time from Analyze to the drawn highlights, the
// longest main-thread task meanwhile, and the memory the page and its analysis worker hold (JS
// heap, wasm memory).
// The article is the Press TV sample and the quote development texts, repeated.
// usage: [WORDS=N] node tools/bench-load.mjs DIST SHARED_DIR
import { serve, launch, record, benchArticle, timeAnalyze } from "./headless.mjs";

const [dist, shared] = process.argv.slice(2);

/** The JS heap in use in the worker at `url`, after a garbage collection, through the browser's
 * DevTools protocol (a page session does not reach into workers). */
async function workerHeapUsed(browser, url) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send("Target.getTargets");
  const target = targetInfos.find((t) => t.type === "worker" && t.url === url);
  if (!target) throw new Error(`no worker target at ${url}`);
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId: target.targetId, flatten: false });
  let id = 0;
  const call = (method) => new Promise((resolve) => {
    const mine = ++id;
    const listener = (e) => {
      const m = JSON.parse(e.message);
      if (m.id === mine) {
        cdp.off("Target.receivedMessageFromTarget", listener);
        resolve(m.result);
      }
    };
    cdp.on("Target.receivedMessageFromTarget", listener);
    cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: mine, method }) });
  });
  await call("HeapProfiler.collectGarbage");
  const { usedSize } = await call("Runtime.getHeapUsage");
  await cdp.detach();
  return usedSize;
}
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
    // Watches the page until both marks are taken, then stops: an observer left running would
    // add its own work to every later task (the analysis below draws a hundred thousand words).
    const watch = new MutationObserver(() => {
      const input = document.querySelector('[data-testid="article-input"]');
      if (window.__marks.paste === undefined && input && !input.disabled) window.__marks.paste = performance.now();
      if (window.__marks.model === undefined && document.querySelector('.app[data-model="ready"]')) {
        window.__marks.model = performance.now();
      }
      if (window.__marks.paste !== undefined && window.__marks.model !== undefined) watch.disconnect();
    });
    watch.observe(document, { subtree: true, childList: true, attributes: true });
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

  // The page's memory and its analysis worker's (which holds the models), each JS heap after a
  // garbage collection plus wasm memory.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = (await cdp.send("Runtime.getHeapUsage")).usedSize;
  const wasm = await page.evaluate(() => window.__wasm.memory.buffer.byteLength);
  const worker = page.workers().find((w) => w.url().includes("analysis-worker-"));
  if (!worker) throw new Error("no analysis worker is running");
  const workerWasm = await worker.evaluate(() => self.analysisWasm.memory.buffer.byteLength);
  const workerHeap = await workerHeapUsed(browser, worker.url());
  const mb = (x) => (x / 1e6).toFixed(1);
  console.log(`memory after it: page JS heap ${mb(heap)} MB and wasm ${mb(wasm)} MB; analysis worker JS heap ` +
    `${mb(workerHeap)} MB and wasm ${mb(workerWasm)} MB; together ${mb(heap + wasm + workerHeap + workerWasm)} MB`);
  record("load", {
    paste_ms: marks.paste, model_ms: marks.model, words, drawn_ms: drawn.ms, longest_task_ms: drawn.longest,
    heap_mb: (heap + workerHeap) / 1e6, wasm_mb: (wasm + workerWasm) / 1e6,
  });
  await browser.close();
} finally {
  server.stop();
}
