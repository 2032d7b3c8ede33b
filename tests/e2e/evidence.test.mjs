// End-to-end tests of what an attribution rests on: the cue and the speaker's words marked when
// a quote is selected, unsure speakers shown with an icon and words, the unsure-first list, and
// the export (version 3) that carries all of it.
import { test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import { page, analyze, exportJson, SCHEMA } from "./harness.mjs";

// Written for these tests; no real people. With the shipped model, "They say ..." is attributed
// to one of Bo Chan and Ana Ruiz with a low speaker confidence (the pronoun stands for both),
// while Clara Osei's quotes have a cue and her name beside them.
const STORY = [
  "Council notes",
  "The council met Bo Chan and Ana Ruiz. They say the wall will cost more than planned.",
  "\u201cWe have waited long enough,\u201d said Clara Osei, the mayor of Port Wenlow.",
  "\u201cPeople deserve to see where their money goes,\u201d Osei said.",
].join("\n\n");

const quote = (text) => page.locator('[data-kind="quote"]', { hasText: text }).first();

test("selecting a quote marks its cue and the words naming its speaker, distinctly and in words", async () => {
  await analyze(STORY);
  const article = page.getByTestId("article");
  assert.equal(await page.getByTestId("evidence").count(), 0, "nothing is marked before a quote is selected");
  await quote("People deserve to see").click();
  assert.deepEqual(
    await page.getByTestId("evidence").evaluateAll((els) => els.map((e) => [e.dataset.kind, e.textContent])),
    [["speaker-mention", "Osei"], ["cue", "said"]],
  );
  // Not colour alone: the two marks differ in underline style and carry a word each.
  const style = (kind) => article.locator(`[data-kind="${kind}"]`).evaluate((el) => ({
    line: getComputedStyle(el).textDecorationStyle,
    word: getComputedStyle(el, "::after").content,
  }));
  assert.deepEqual(await style("cue"), { line: "dotted", word: '"cue"' });
  assert.deepEqual(await style("speaker-mention"), { line: "double", word: '"speaker"' });
  // The article's text is still exactly the text.
  assert.equal(await article.evaluate((el) => el.textContent), STORY);
  // The editor names the same words.
  const listed = await page.getByTestId("evidence-list").textContent();
  assert.match(listed, /Cue: said/);
  assert.match(listed, /Speaker named as: Osei/);

  // Another quote moves the marks; closing the editor removes them.
  await quote("We have waited long enough").click();
  assert.deepEqual(await page.getByTestId("evidence").evaluateAll((els) => els.map((e) => e.textContent)), ["said", "Clara Osei"]);
  await page.getByRole("button", { name: "Close" }).click();
  assert.equal(await page.getByTestId("evidence").count(), 0);
});

test("an unsure speaker is shown as unsure with an icon and words in the label, the editor and the panel", async () => {
  await analyze(STORY);
  const unsure = quote("the wall will cost more than planned");
  assert.equal(await unsure.getAttribute("data-unsure"), "true");
  assert.match(await unsure.evaluate((el) => getComputedStyle(el, "::after").content), /\u26A0.*unsure: (Bo Chan|Ana Ruiz)/);
  assert.match(await unsure.getAttribute("title"), /Unsure attribution \(\d+% confident\)/);
  // A sure one is not marked.
  assert.equal(await quote("We have waited long enough").getAttribute("data-unsure"), null);

  await unsure.click();
  assert.match(await page.getByTestId("unsure").textContent(), /Unsure attribution: the analysis is only \d+% sure of this speaker/);
  assert.match(await page.getByTestId("confidence").textContent(), /Confidence: quote \d+%, speaker \d+%/);
  const badge = page.getByTestId("side-panel").getByTestId("unsure-badge");
  assert.equal(await badge.count(), 1);
  assert.match(await badge.textContent(), /\u26A0.*unsure \(\d+%\)/);

  // Setting the speaker is a review: the attribution is no longer unsure.
  await page.getByTestId("set-speaker").fill("Bo Chan and Ana Ruiz");
  await page.getByTestId("set-speaker").press("Enter");
  assert.equal(await unsure.getAttribute("data-unsure"), null);
  assert.equal(await page.getByTestId("unsure").count(), 0);
  assert.equal(await page.getByTestId("unsure-badge").count(), 0);
});

test("the side panel can list unsure attributions first", async () => {
  await analyze(STORY);
  const panel = page.getByTestId("side-panel");
  assert.equal(await panel.getByTestId("unsure-group").count(), 0);
  await panel.getByTestId("unsure-first").check();
  const group = panel.getByTestId("unsure-group");
  const items = await group.locator("li").allTextContents();
  assert.equal(items.length, 1);
  assert.match(items[0], /the wall will cost more than planned.*(Bo Chan|Ana Ruiz).*unsure/);
  // It comes before the speaker groups, and a click goes to the quote.
  const order = await panel.evaluate((el) => [...el.querySelectorAll('[data-testid="unsure-group"], [data-testid="speaker-group"]')].map((e) => e.dataset.testid));
  assert.equal(order[0], "unsure-group");
  await group.locator("button.quote-link").click();
  assert.equal(await page.locator('[data-kind="quote"].selected').textContent(), "the wall will cost more than planned");
  await panel.getByTestId("unsure-first").uncheck();
  assert.equal(await panel.getByTestId("unsure-group").count(), 0);
});

test("the export carries each quote's cue, speaker mention and confidence", async () => {
  await analyze(STORY);
  const { data } = await exportJson();
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  assert.ok(ajv.validate(SCHEMA, data), JSON.stringify(ajv.errors));
  assert.equal(data.version, 3);
  const cps = Array.from(STORY);
  const quotes = data.annotations.filter((a) => a.kind === "quote");
  assert.equal(quotes.length, 3);
  for (const q of quotes) {
    for (const part of [q.cue, q.speaker_mention]) {
      assert.equal(cps.slice(part.start, part.end).join(""), part.text, `${q.id} offsets`);
    }
    assert.ok(q.confidence.span >= 0 && q.confidence.span <= 1 && q.confidence.speaker >= 0 && q.confidence.speaker <= 1);
  }
  const osei = quotes.find((q) => q.text.startsWith("People deserve"));
  assert.deepEqual([osei.cue.text, osei.speaker_mention.text], ["said", "Osei"]);
  const unsure = quotes.find((q) => q.text.startsWith("the wall"));
  assert.ok(unsure.confidence.speaker < 0.6);
});
