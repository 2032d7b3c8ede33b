// The analysis worker: a long article's text shows at once, its highlights arrive from the worker
// and are drawn in slices while the page keeps answering; without a worker the page analyses
// itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { page, settled, analyze, STORY } from "./harness.mjs";

const quoteIds = () =>
  page.locator('[data-kind="quote"]').evaluateAll((els) => new Set(els.map((e) => e.dataset.id)).size);

test("a long article shows its text at once; its highlights come from the worker while the page answers", async () => {
  await page.locator('.app[data-model="ready"]').waitFor();
  assert.equal(page.workers().filter((w) => /analysis-worker-[0-9a-f]{16}\.js$/.test(w.url())).length, 1);
  const copies = 120;
  const text = Array.from({ length: copies }, () => STORY).join("\n\n");
  await page.getByTestId("article-input").evaluate((area, t) => {
    area.value = t;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  const before = await page.evaluate((t) => new Promise((resolve) => {
    const root = document.documentElement;
    const theme = root.dataset.theme;
    document.querySelector('[data-testid="analyze"]').click();
    // The next frame: the text is drawn, the analysis not yet; a click made then is answered
    // while the worker still analyses (the page's own scheduler may take a task or two).
    requestAnimationFrame(() => {
      const article = document.querySelector('[data-testid="article"]');
      window.firstParagraph = article.querySelector("p");
      const drawn = { text: article.textContent, busy: article.getAttribute("aria-busy") };
      // Every frame until the last slice is drawn shows the whole text, once.
      window.framesWithoutTheText = 0;
      const watch = () => {
        if (article.textContent !== t) window.framesWithoutTheText += 1;
        if (article.getAttribute("aria-busy") === "true") requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
      new MutationObserver((_, observer) => {
        if (root.dataset.theme === theme) return;
        observer.disconnect();
        resolve({
          ...drawn,
          busyWhenAnswered: article.getAttribute("aria-busy"),
          quotesWhenAnswered: article.querySelectorAll('[data-kind="quote"]').length,
        });
      }).observe(root, { attributes: true, attributeFilter: ["data-theme"] });
      document.querySelector('[data-testid="theme-toggle"]').click();
    });
  }), text);
  assert.equal(before.text, text, "the whole text is there before its analysis");
  assert.equal(before.busy, "true");
  assert.equal(before.busyWhenAnswered, "true", "the page answered a click while the text was analysed");
  assert.equal(before.quotesWhenAnswered, 0);
  await settled();
  assert.equal(await page.evaluate(() => window.framesWithoutTheText), 0, "the text is whole in every frame");
  // Every slice is drawn: each copy's four quotes, with their speakers.
  assert.equal(await quoteIds(), 4 * copies);
  assert.equal(await page.getByTestId("article").evaluate((el) => el.textContent), text);
  assert.equal(await page.locator('[data-kind="quote"][data-speaker="Desmond Kray"]').count(), 2 * copies);
  // The later slices left the paragraphs drawn first in place (a selection there survives).
  assert.ok(await page.evaluate(() =>
    window.firstParagraph === document.querySelector('[data-testid="article"] p')), "the first paragraph is the same element");
});

test("a text changed before the worker answers shows the analysis of the new text only", async () => {
  await analyze(STORY);
  await page.getByTestId("edit-text").click();
  const changed = STORY.replace("Desmond Kray", "Mira Sol");
  await page.getByTestId("article-input").fill(changed);
  await page.getByTestId("analyze").click();
  await settled();
  assert.equal(await page.getByTestId("article").evaluate((el) => el.textContent), changed);
  assert.equal(await page.locator('[data-kind="quote"][data-speaker="Mira Sol"]').count(), 2);
  assert.equal(await page.locator('[data-kind="quote"][data-speaker="Desmond Kray"]').count(), 0);
});
