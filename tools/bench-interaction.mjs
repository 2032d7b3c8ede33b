// Interaction speed of the built page (dist/) on a long article, in headless Chromium: the time
// from the input event (a click) to the next frame, for opening a quote's editor, accepting a
// quote and rejecting one. Median of 5 each; the target is 50 ms.
// The article is the Press TV sample and the quote development texts concatenated, repeated
// until it has at least WORDS words (10,000 unless the environment says otherwise). Also prints
// the time from Analyze to the first frame with the highlights drawn, and the longest
// main-thread task meanwhile.
// usage: [WORDS=N] node tools/bench-interaction.mjs DIST SHARED_DIR
import { serve, launch, record, benchArticle, timeAnalyze } from "./headless.mjs";

const [dist, shared] = process.argv.slice(2);
const TARGET_MS = 50;
const RUNS = 5;

const { text, words } = benchArticle(shared, Number(process.env.WORDS ?? 10_000));

const server = await serve(dist);
let failed = false;
try {
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
  await page.locator('.app[data-model="ready"]').waitFor({ timeout: 120_000 });
  // The text goes in as a paste leaves it: one value and one input event (Playwright's fill
  // types it in, which takes Chromium seconds for a long text).
  await page.getByTestId("article-input").evaluate((area, t) => {
    area.value = t;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  const drawn = await timeAnalyze(page);
  const quotes = await page.locator('[data-kind="quote"]').count();
  console.log(`article: ${words} words, ${quotes} quote marks drawn; Analyze to drawn ${drawn.ms.toFixed(0)} ms ` +
    `(first quotes at ${drawn.first.toFixed(0)} ms), longest main-thread task ${drawn.longest.toFixed(0)} ms`);

  // Clicks `selector` (its nth match) and resolves with the time from the click to the frame
  // after the page changed.
  const timeClick = (selector, nth) =>
    page.evaluate(([selector, nth]) => new Promise((resolve) => {
      const el = document.querySelectorAll(selector)[nth];
      if (!el) throw new Error(`nothing matches ${selector} (${nth})`);
      const t0 = performance.now();
      el.click();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    }), [selector, nth]);

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const results = {};
  for (const what of ["open the editor", "accept", "reject"]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      // Each run on another quote, spread over the article.
      const nth = Math.floor(((i + 1) * quotes) / (RUNS + 2));
      if (what === "open the editor") {
        await page.keyboard.press("Escape");
        runs.push(await timeClick('[data-kind="quote"]', nth));
      } else {
        // The quote itself (a click on its middle could land on a name inside it).
        await page.locator('[data-kind="quote"]').nth(nth).evaluate((el) => el.click());
        await page.getByTestId("quote-editor").waitFor();
        runs.push(await timeClick(`[data-testid="${what}"]`, 0));
      }
    }
    results[what] = median(runs);
    const ok = results[what] <= TARGET_MS;
    failed ||= !ok;
    console.log(`${what}: median of ${RUNS} ${results[what].toFixed(1)} ms (runs: ${runs.map((x) => x.toFixed(1)).join(", ")} ms)` +
      ` ${ok ? "within" : "OVER"} the ${TARGET_MS} ms target`);
  }
  record("interaction", { words, drawn_ms: drawn.ms, first_ms: drawn.first, longest_task_ms: drawn.longest, ...results });
  await browser.close();
} finally {
  server.stop();
}
if (failed) process.exitCode = 1;
