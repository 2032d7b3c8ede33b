// End-to-end tests of the open export formats: W3C Web Annotation JSON-LD, JSON Lines for
// spaCy and doccano, CoNLL IOB; each downloaded from the page and checked against the text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { page, analyze, STORY } from "./harness.mjs";

async function download(testid) {
  if ((await page.locator('[data-testid="export-formats"][open]').count()) === 0) {
    await page.getByTestId("export-formats").locator("summary").click();
  }
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testid).click()]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), "utf8") };
}

const TEXT = `${STORY}\n\nA wave \u{1F30A} and caf\u0065\u0301 later, Osei left.`;
const codePoints = [...TEXT];
const words = (start, end) => codePoints.slice(start, end).join("");

test("W3C Web Annotation: a collection whose selectors hold the words, with review states and speakers", async () => {
  await analyze(TEXT);
  await page.locator('[data-kind="quote"]', { hasText: "We have waited" }).first().click();
  await page.getByTestId("accept").click();
  const { name, text } = await download("export-w3c");
  assert.equal(name, "harbour-vote.w3c.jsonld");
  const c = JSON.parse(text);
  assert.equal(c["@context"], "http://www.w3.org/ns/anno.jsonld");
  assert.equal(c.type, "AnnotationCollection");
  const items = c.first.items;
  assert.equal(c.total, items.length);
  for (const a of items) {
    assert.equal(a.type, "Annotation");
    const [quote, position] = a.target.selector;
    assert.equal(quote.type, "TextQuoteSelector");
    assert.equal(position.type, "TextPositionSelector");
    assert.equal(words(position.start, position.end), quote.exact, "code points");
    assert.equal(words(Math.max(0, position.start - 32), position.start), quote.prefix);
  }
  const accepted = items.find((a) => a.target.selector[0].exact === "We have waited long enough,");
  assert.ok(accepted.body.some((b) => b.purpose === "assessing" && b.value === "accepted"));
  const speaker = accepted.body.find((b) => b.purpose === "identifying");
  assert.equal(speaker.value, "Clara Osei");
  // Every quote of one speaker links to the same speaker body.
  const osei = items.filter((a) => a.body.some((b) => b.purpose === "identifying" && b.value === "Clara Osei"));
  assert.equal(new Set(osei.map((a) => a.body.find((b) => b.purpose === "identifying").id)).size, 1);
});

test("JSON Lines for spaCy and doccano, and CoNLL IOB for names", async () => {
  await analyze(TEXT);
  const spacy = await download("export-jsonl");
  assert.equal(spacy.name, "harbour-vote.spacy.jsonl");
  const lines = spacy.text.trim().split("\n");
  assert.equal(lines.length, 1);
  const s = JSON.parse(lines[0]);
  assert.equal(s.text, TEXT);
  for (const [start, end, label] of s.entities) {
    assert.ok(words(start, end).length > 0, label);
  }
  assert.ok(s.entities.some(([a, b, l]) => l === "PER" && words(a, b) === "Clara Osei"));
  assert.equal(s.entities.filter(([, , l]) => l === "QUOTE").length, 4);
  assert.deepEqual(s.quotes.map((q) => q.speaker), ["Clara Osei", "Desmond Kray", "Desmond Kray", "Clara Osei"]);
  const doccano = JSON.parse((await download("export-jsonl-doccano")).text);
  assert.deepEqual(doccano.label, s.entities);

  const conll = await download("export-conll");
  assert.equal(conll.name, "harbour-vote.conll");
  assert.ok(conll.text.startsWith("-DOCSTART- O\n\n"));
  assert.match(conll.text, /^Clara B-PER\nOsei I-PER$/m);
  assert.match(conll.text, /^Desmond B-PER\nKray I-PER$/m);
  const tagged = conll.text.split("\n").filter((l) => l && !l.startsWith("-DOCSTART-"));
  assert.ok(tagged.every((l) => /^\S+ (O|[BI]-(PER|ORG|LOC|MISC))$/u.test(l)), tagged.find((l) => !/^\S+ (O|[BI]-(PER|ORG|LOC|MISC))$/u.test(l)));
});
