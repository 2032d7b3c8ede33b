// End-to-end tests of the views: the theme (system, light, dark), the layout from phones to wide
// screens, accessibility (axe-core: no serious or critical violation on the main views, in both
// themes) and screenshots of the main views for a person to look at (target/screenshots/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { page, analyze, openTab, options, ROOT, STORY } from "./harness.mjs";

// axe-core is injected into the page: past the page's Content-Security-Policy.
options.bypassCSP = true;

const SHOTS = path.join(ROOT, "target/screenshots");
const AXE = path.join(ROOT, "node_modules/axe-core/axe.min.js");
const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const LIGHT = "rgb(251, 250, 247)";
const DARK = "rgb(21, 23, 27)";

/** Serious and critical axe-core violations of the page as it is now. */
async function violations() {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The article with a quote's editor open: the main view. */
async function mainView() {
  await analyze(STORY);
  await page.locator('[data-kind="quote"]', { hasText: "We have waited" }).first().click();
  await page.getByTestId("quote-editor").waitFor();
}

test("the theme follows the system until the user picks one, and the choice is kept", async () => {
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await background(), DARK);
  await page.emulateMedia({ colorScheme: "light" });
  assert.equal(await background(), LIGHT);
  const toggle = page.getByTestId("theme-toggle");
  assert.equal(await toggle.getAttribute("data-theme"), "system");
  await page.emulateMedia({ colorScheme: "dark" });
  await toggle.click(); // light, whatever the system says
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
  assert.equal(await background(), LIGHT);
  await toggle.click(); // dark
  await page.emulateMedia({ colorScheme: "light" });
  assert.equal(await background(), DARK);
  await page.reload();
  await page.getByTestId("theme-toggle").waitFor();
  assert.equal(await background(), DARK, "kept across a reload");
  await page.getByTestId("theme-toggle").click(); // back to the system's
  assert.equal(await background(), LIGHT);
});

test("the layout fits a 375 px phone and uses a wide screen", async () => {
  await page.setViewportSize({ width: 375, height: 800 });
  await mainView();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px wider than the phone`);
  const box = await page.getByTestId("article").boundingBox();
  assert.ok(box.width >= 320, `the article is ${box.width} px wide`);

  await page.setViewportSize({ width: 1400, height: 900 });
  const article = await page.getByTestId("article").boundingBox();
  const side = await page.locator(".right").boundingBox();
  assert.ok(side.x >= article.x + article.width, "the editor and panel beside the article");
  assert.ok(article.width >= 800, `the folded text box leaves the article ${article.width} px`);
});

test("no serious or critical accessibility violations on the main views, light and dark", async () => {
  const schemes = ["light", "dark"];
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await violations(), [], `${scheme}: the empty page`);
  }
  await mainView();
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator('[data-kind="quote"]', { hasText: "We have waited" }).first().click();
    assert.deepEqual(await violations(), [], `${scheme}: the article with the quote editor`);
    await page.locator('[data-kind="entity"]').first().click();
    await openTab("names");
    await page.getByTestId("legend").locator("summary").click();
    assert.deepEqual(await violations(), [], `${scheme}: the entity editor, names and legend`);
    await page.getByTestId("legend").locator("summary").click();
    await openTab("quotes");
    await page.getByTestId("library-button").click();
    assert.deepEqual(await violations(), [], `${scheme}: the library`);
    await page.getByTestId("library-button").click();
    await page.locator("body").focus();
    await page.keyboard.press("?");
    assert.deepEqual(await violations(), [], `${scheme}: the shortcut help`);
    await page.keyboard.press("Escape");
  }
});

test("screenshots of the main views, light and dark, 1400 and 390 px wide", async () => {
  mkdirSync(SHOTS, { recursive: true });
  await mainView();
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1400, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const file = path.join(SHOTS, `editor-${scheme}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByTestId("library-button").click();
  await page.screenshot({ path: path.join(SHOTS, "library-dark-1400.png") });
});

test("screen readers get each quote's speaker: the drawn label is in the accessibility tree", async () => {
  await analyze(STORY);
  const tree = await page.getByTestId("article").ariaSnapshot();
  assert.match(tree, /mark: We have waited long enough,\s*—\s*Clara Osei/);
  assert.match(tree, /mark: But the water does not wait\.\s*—\s*Desmond Kray/);
  // The article's own text is unchanged by the labels.
  assert.equal(await page.getByTestId("article").evaluate((el) => el.textContent), STORY);
});
