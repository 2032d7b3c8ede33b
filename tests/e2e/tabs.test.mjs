// End-to-end test of two tabs on one library: a change in one appears in the other (the
// `storage` event), and when both change the same article at once, no edit is lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { page, analyze, selectText, STORY } from "./harness.mjs";

const noteOn = (p, words) => p.locator('[data-kind="note"]', { hasText: words });
const quoteOn = (p, words) => p.locator('[data-kind="quote"]', { hasText: words });
const articleKeys = (p) => p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("article-annotator/article/")));

test("two tabs: changes in one appear in the other; changed in both at once, both changes stay", async () => {
  await analyze(STORY);
  const other = await page.context().newPage();
  // Lets the test make the other tab miss storage events for a while, as a busy tab would.
  await other.addInitScript(() => {
    window.addEventListener("storage", (e) => {
      if (window.__deaf) e.stopImmediatePropagation();
    });
  });
  await other.goto(page.url());
  await quoteOn(other, "We have waited").first().waitFor();

  // A highlight made here appears there; an acceptance there appears here.
  await selectText("the quay");
  await page.getByTestId("note-text").fill("made in the first tab");
  await page.getByTestId("save-note").click();
  await noteOn(other, "the quay").waitFor();
  await quoteOn(other, "We have waited").first().evaluate((el) => el.click());
  await other.getByTestId("accept").click();
  await page.locator('[data-kind="quote"][data-status="accepted"]').waitFor();

  // Both change the article before either hears of the other's change.
  await other.evaluate(() => (window.__deaf = true));
  await selectText("Zorbex Trust owns");
  await page.getByTestId("save-note").click();
  await quoteOn(other, "This is not the deal").first().evaluate((el) => el.click());
  await other.getByTestId("reject").click();
  await other.evaluate(() => (window.__deaf = false));
  // The other tab found this tab's change in storage when it saved, merged, and saved both.
  await noteOn(other, "Zorbex Trust owns").waitFor();
  await quoteOn(page, "This is not the deal").waitFor({ state: "detached" });
  for (const p of [page, other]) {
    assert.equal(await p.locator('[data-kind="note"]').count(), 2);
    assert.equal(await p.locator('[data-kind="quote"][data-status="accepted"]').count(), 1);
    assert.equal(await quoteOn(p, "This is not the deal").count(), 0);
  }
  // Saved after it is painted.
  await page.waitForFunction(() => Object.entries(localStorage).filter(([k]) => k.includes("/article/"))
    .some(([, v]) => JSON.parse(v).document.notes.length === 2));
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.includes("/article/")).map(([, v]) => v));
  assert.equal(stored.length, 1);
  const doc = JSON.parse(stored[0]).document;
  assert.deepEqual(doc.notes.map((n) => n.exact).sort(), ["Zorbex Trust owns", "the quay"]);
  assert.deepEqual(doc.decisions.map((d) => d.action).sort(), ["accept", "reject"]);

  // A new article in one tab appears in the other's library; deleting it there removes it here.
  await analyze("A second article, from the first tab.");
  await other.waitForFunction(() => /Library \(2\)/.test(document.querySelector('[data-testid="library-button"]').textContent));
  await other.getByTestId("library-button").click();
  await other.getByTestId("library-item").filter({ hasText: "A second article" }).getByTestId("delete-article").click();
  await page.waitForFunction(() => /Library \(1\)/.test(document.querySelector('[data-testid="library-button"]').textContent));
  assert.equal((await articleKeys(page)).length, 1);
  assert.match(await page.getByTestId("article").textContent(), /^Harbour vote/);
  await other.close();
});
