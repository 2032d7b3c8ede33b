// End-to-end tests of reviewing detections: the side panel, corrections, rejections and
// additions, and that all of it persists and exports.
import { test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import { page, analyze, editText, openTab, selectText, exportJson, SAMPLE, SCHEMA, STORY } from "./harness.mjs";

function speakerGroup(name) {
  return page.locator(`[data-testid="speaker-group"][data-speaker="${name}"]`);
}

test("the side panel groups quotes by speaker with counts, and a click goes to the quote", async () => {
  await analyze(STORY);
  const panel = page.getByTestId("side-panel");
  await panel.waitFor();
  const osei = speakerGroup("Clara Osei");
  assert.equal(await osei.locator(".count").textContent(), "2");
  assert.equal(await speakerGroup("Desmond Kray").locator(".count").textContent(), "2");
  await osei.locator("button.quote-link").nth(1).click();
  const selected = page.locator('[data-kind="quote"].selected');
  assert.equal(await selected.textContent(), "People deserve to see where their money goes,");
  assert.equal(await page.getByTestId("set-speaker").inputValue(), "Clara Osei");
});

test("a quote's speaker can be changed, a quote marked wrong and restored, a missed one added", async () => {
  await analyze(STORY);
  // Change the speaker of Kray's second quote by typing a name.
  await page.locator('[data-kind="quote"]', { hasText: "But the water does not wait." }).click();
  await page.getByTestId("set-speaker").fill("Clara Osei");
  await page.getByTestId("set-speaker").press("Enter");
  await page.getByTestId("article").click({ position: { x: 2, y: 2 } });
  assert.equal(await speakerGroup("Clara Osei").locator(".count").textContent(), "3");
  assert.equal(await speakerGroup("Desmond Kray").locator(".count").textContent(), "1");

  // Mark a detection wrong: it disappears and is remembered.
  await page.locator('[data-kind="quote"]', { hasText: "We have waited long enough" }).click();
  await page.getByTestId("reject").click();
  assert.equal(await page.locator('[data-kind="quote"]', { hasText: "We have waited long enough" }).count(), 0);

  // Add a quote the engine did not find (no marks, no cue).
  await selectText("The Zorbex Trust owns the quay");
  await page.getByTestId("add-quote").click();
  const added = page.locator('[data-kind="quote"]', { hasText: "The Zorbex Trust owns the quay" });
  assert.equal(await added.count() >= 1, true);
  await page.getByTestId("set-speaker").fill("Desmond Kray");
  await page.getByTestId("set-speaker").press("Enter");

  // All of it survives a reload.
  await page.reload();
  await page.getByTestId("side-panel").waitFor();
  assert.equal(await speakerGroup("Clara Osei").locator(".count").textContent(), "2");
  assert.equal(await speakerGroup("Desmond Kray").locator(".count").textContent(), "2");
  assert.equal(await page.locator('[data-kind="quote"]', { hasText: "We have waited long enough" }).count(), 0);

  // And it exports, schema-valid, with statuses.
  const { data } = await exportJson();
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  assert.ok(ajv.validate(SCHEMA, data), JSON.stringify(ajv.errors));
  const byText = (t) => data.annotations.find((a) => a.kind === "quote" && a.text.startsWith(t));
  assert.deepEqual([byText("But the water").speaker, byText("But the water").status], ["Clara Osei", "edited"]);
  assert.equal(byText("We have waited").status, "rejected");
  assert.deepEqual([byText("The Zorbex Trust").speaker, byText("The Zorbex Trust").status], ["Desmond Kray", "own"]);

  // The rejected quote can be restored (the notes tab lists what was rejected).
  await openTab("notes");
  await page.getByTestId("restore").click();
  assert.equal(await page.locator('[data-kind="quote"]', { hasText: "We have waited long enough" }).count(), 1);
});

test("a decision that no longer matches the text stays visible", async () => {
  await analyze(STORY);
  await page.locator('[data-kind="quote"]', { hasText: "We have waited long enough" }).click();
  await page.getByTestId("set-speaker").fill("Someone Else");
  await page.getByTestId("set-speaker").press("Enter");
  await editText(STORY.replace("We have waited long enough", "We waited"));
  await openTab("notes");
  const stale = page.getByTestId("unmatched-decision");
  assert.equal(await stale.count(), 1);
  assert.match(await stale.textContent(), /We have waited long enough/);
});

test("names are grouped by type with counts; a click cycles through the mentions", async () => {
  await analyze(SAMPLE);
  await openTab("names");
  const people = page.locator('[data-testid="entity-group"][data-label="PER"]');
  assert.ok((await people.count()) >= 3);
  const kadhimi = people.filter({ hasText: "Kadhimi" }).first();
  const count = Number(await kadhimi.locator(".count").textContent());
  assert.ok(count >= 3, `Kadhimi mentioned ${count} times`);
  const seen = [];
  for (let i = 0; i < count; i++) {
    await kadhimi.locator("button.chip").click();
    seen.push(await page.locator('[data-kind="entity"].selected').first().getAttribute("data-id"));
  }
  assert.equal(new Set(seen).size, count, "each click shows the next mention");
  await kadhimi.locator("button.chip").click();
  assert.equal(await page.locator('[data-kind="entity"].selected').first().getAttribute("data-id"), seen[0], "and wraps around");
  assert.ok((await page.locator('[data-testid="entity-group"][data-label="LOC"]').count()) >= 1);
});

test("an entity's type can be changed, a false one removed, a missed one marked everywhere", async () => {
  await analyze(STORY);
  // Mark a missed name, with all its occurrences.
  await selectText("Zorbex Trust");
  await page.getByTestId("add-entity-label").selectOption("ORG");
  await page.getByTestId("add-entity").click();
  const zorbex = page.locator('[data-kind="entity"][data-label="ORG"]', { hasText: /^Zorbex Trust$/ });
  assert.equal(await zorbex.count(), 2);

  // Change a type, then remove a name.
  await page.locator('[data-kind="entity"]', { hasText: /^Port Wenlow$/ }).first().click();
  await page.getByTestId("set-label").selectOption("ORG");
  assert.equal(await page.locator('[data-kind="entity"]', { hasText: /^Port Wenlow$/ }).first().getAttribute("data-label"), "ORG");
  await page.locator('[data-kind="entity"]', { hasText: /^Desmond Kray$/ }).first().click();
  await page.getByTestId("reject").click();
  assert.equal(await page.locator('[data-kind="entity"]', { hasText: /^Desmond Kray$/ }).count(), 0);

  await page.reload();
  await page.getByTestId("side-panel").waitFor();
  assert.equal(await zorbex.count(), 2);
  assert.equal(await page.locator('[data-kind="entity"]', { hasText: /^Desmond Kray$/ }).count(), 0);
  const { data } = await exportJson();
  const ents = data.annotations.filter((a) => a.kind === "entity");
  assert.equal(ents.filter((a) => a.text === "Zorbex Trust" && a.status === "own" && a.label === "ORG").length, 2);
  assert.ok(ents.some((a) => a.text === "Port Wenlow" && a.status === "edited" && a.label === "ORG"));
  assert.ok(ents.some((a) => a.text === "Desmond Kray" && a.status === "rejected"));
});

test("the data credits name every source with its licence", async () => {
  const credits = page.getByTestId("credits");
  await credits.locator("summary").click();
  const text = await credits.textContent();
  for (const source of ["CoNLL-2003", "Reuters", "en_core_web_md", "GeoNames", "CC BY 4.0", "MIT", "CC0", "public domain", "cleanco", "pytickersymbols"]) {
    assert.ok(text.includes(source), source);
  }
});
