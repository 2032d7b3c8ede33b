// End-to-end test on a phone: a touch screen and no mouse. A long press and the selection
// handles leave a selection in the article, as the selection API sets it here; everything
// after that is done by taps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { page, analyze, selectText, options, STORY } from "./harness.mjs";

options.touch = true;

test("on a touch screen a selection becomes a highlight with a note, and a tap opens a quote", async () => {
  assert.equal(await page.evaluate(() => matchMedia("(pointer: coarse)").matches), true, "a touch device");
  await analyze(STORY);
  await selectText("The Zorbex Trust owns the quay");
  const note = page.getByTestId("note-text");
  await note.waitFor();
  await note.tap();
  await note.fill("who sold it to them?");
  await page.getByTestId("save-note").tap();
  const mark = page.locator('[data-kind="note"]', { hasText: "The Zorbex Trust owns the quay" });
  assert.equal(await mark.count(), 1);

  // A tap on a quote selects it and shows who said it.
  await page.locator('[data-kind="quote"]', { hasText: "People deserve to see" }).first().tap();
  assert.match(await page.getByTestId("evidence-list").textContent(), /Speaker named as: Osei/);
  // A tap on the highlight opens its note again.
  await mark.tap();
  assert.equal(await page.getByTestId("note-text").inputValue(), "who sold it to them?");
});
