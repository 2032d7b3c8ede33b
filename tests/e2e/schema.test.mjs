// The committed export fixtures against the JSON Schemas: each version's file is valid in its
// version and no other, and its migration (tests/fixtures/*-migrated.json, which the app's unit
// tests compare with what the migration gives) is valid in the next version.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020.js";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const json = (p) => JSON.parse(readFileSync(path.join(ROOT, p), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const v1 = ajv.compile(json("schema/annotations-v1.schema.json"));
const v2 = ajv.compile(json("schema/annotations-v2.schema.json"));
const v3 = ajv.compile(json("schema/annotations-v3.schema.json"));

test("the version 1 fixture is valid version 1 and its migration valid version 2", () => {
  const fixture = json("tests/fixtures/annotations-v1.json");
  const migrated = json("tests/fixtures/annotations-v1-migrated.json");
  assert.ok(v1(fixture), JSON.stringify(v1.errors));
  assert.ok(!v2(fixture), "a version 1 file is not version 2");
  assert.ok(v2(migrated), JSON.stringify(v2.errors));
  assert.ok(!v1(migrated), "the migrated file is not version 1");
  // Version 2 requires the evidence fields on quotes and refuses them elsewhere.
  const quote = migrated.annotations.find((a) => a.kind === "quote");
  const { cue, ...withoutCue } = quote;
  assert.equal(cue, null);
  assert.ok(!v2({ ...migrated, annotations: [withoutCue] }));
  const entity = migrated.annotations.find((a) => a.kind === "entity");
  assert.ok(!v2({ ...migrated, annotations: [{ ...entity, confidence: null }] }));
  assert.ok(!v2({ ...migrated, annotations: [{ ...quote, confidence: { span: 1.5, speaker: 0.2 } }] }));
});

test("the version 2 fixture is valid version 2 and its migration valid version 3", () => {
  const fixture = json("tests/fixtures/annotations-v2.json");
  const migrated = json("tests/fixtures/annotations-v2-migrated.json");
  assert.ok(v2(fixture), JSON.stringify(v2.errors));
  assert.ok(!v3(fixture), "a version 2 file is not version 3");
  assert.ok(v3(migrated), JSON.stringify(v3.errors));
  assert.ok(!v2(migrated), "the migrated file is not version 2");
  assert.ok(migrated.decisions.every((d) => !["set_speaker", "set_label"].includes(d.action)));
  // Version 3: highlights carry tags and a label of a known shape; corrections say what they correct.
  const note = migrated.annotations.find((a) => a.kind === "note");
  const withNote = (n) => ({ ...migrated, annotations: [n] });
  assert.ok(v3(withNote({ ...note, label: { type: "colour", name: "Teal", color: "#b2f0e8" }, tags: ["check"] })));
  assert.ok(!v3(withNote({ ...note, label: { type: "colour", name: "Teal", color: "teal" } })));
  assert.ok(!v3(withNote({ ...note, label: "PER" })));
  const correct = migrated.decisions.find((d) => d.action === "correct");
  const { speaker, label, ...bare } = correct;
  assert.ok(!v3({ ...migrated, decisions: [bare] }), "a correction that corrects nothing");
  assert.ok(v3({ ...migrated, decisions: [{ ...bare, span: { start: 1, end: 3, exact: "ou" } }] }));
});
