// The Press TV article users paste first: a smoke test with known answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { page, analyze, openTab, SAMPLE } from "./harness.mjs";

// The nine direct quotes in quotation marks and their speakers (four, two, one and two; several
// have no cue of their own and are attributed from context).
const QUOTES = [
  ["There is no need for any foreign combat forces on Iraqi soil", "Kadhimi"],
  ["The war against [Daesh] and the readiness", "Kadhimi"],
  ["What we want from the US presence in Iraq", "Kadhimi"],
  ["We will ask the American side", "Kadhimi"],
  ["The parliament has underscored the need", "Baldawi"],
  ["Iraq is facing many problems", "Baldawi"],
  ["training and advisory [role] is an insult", "Shammari"],
  ["We need to work with the International Coalition", "Hussein"],
  ["We need cooperation in the field of intelligence", "Hussein"],
];

test("the Press TV sample: nine direct quotes with their speakers", async () => {
  await analyze(SAMPLE);
  const direct = page.locator('[data-kind="quote"].q-direct');
  const found = await direct.evaluateAll((els) => {
    const byId = new Map();
    for (const e of els) {
      const q = byId.get(e.dataset.id) ?? { text: "", speaker: e.dataset.speaker };
      q.text += e.textContent;
      byId.set(e.dataset.id, q);
    }
    return [...byId.values()];
  });
  assert.equal(found.length, QUOTES.length, JSON.stringify(found, null, 1));
  for (const [start, surname] of QUOTES) {
    const q = found.find((f) => f.text.includes(start));
    assert.ok(q, `quote "${start}" found`);
    assert.match(q.speaker, new RegExp(`${surname}$`), `speaker of "${start}"`);
  }
});

test("the Press TV sample: dates, numbers and grouped names", async () => {
  await analyze(SAMPLE);
  const label = (text) => page.locator('[data-kind="entity"]', { hasText: new RegExp(`^${text}$`) }).first().getAttribute("data-label");
  for (const [text, expected] of [["late 2017", "DATE"], ["January 2020", "DATE"], ["Monday", "DATE"], ["2,500", "CARDINAL"], ["fourth", "ORDINAL"]]) {
    assert.equal(await label(text), expected, text);
  }
  // Mustafa al-Kadhimi = Kadhimi = al-Kadhimi: one group.
  await openTab("names");
  const kadhimi = page.locator('[data-testid="entity-group"][data-label="PER"]', { hasText: "Kadhimi" });
  assert.equal(await kadhimi.count(), 1);
  assert.equal(await kadhimi.getAttribute("data-name"), "Mustafa al-Kadhimi");
  assert.ok(Number(await kadhimi.locator(".count").textContent()) >= 5);
  // Popular Mobilization United = PMU.
  const pmu = page.locator('[data-testid="entity-group"][data-label="ORG"]', { hasText: "Popular Mobilization United" });
  assert.equal(await pmu.locator(".count").textContent(), "2");
});
