// The engine natively against compromise (npm, the JavaScript NLP library) on the same 210,000
// words: the Press TV sample repeated as 300 JSON Lines documents. compromise runs people(),
// places(), organizations() and quotations() on each document in this Node process, timed
// without its import; `annotate` is timed as a whole process (start and model loading
// included), on one thread and on every core.
// usage: node tools/bench-compromise.mjs ANNOTATE SHARED_DIR
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import os from "node:os";
import { record } from "./headless.mjs";
import path from "node:path";

const [annotate, shared] = process.argv.slice(2);
const sample = readFileSync(path.join(shared, "samples/press-tv-iraq-foreign-forces.txt"), "utf8");
const docs = Array.from({ length: 300 }, () => sample);
const words = docs.reduce((n, d) => n + d.split(/\s+/).filter(Boolean).length, 0);
mkdirSync("target", { recursive: true });
const corpus = path.resolve("target/bench-compromise.jsonl");
writeFileSync(corpus, docs.map((text, k) => JSON.stringify({ id: `sample-${k}`, text })).join("\n") + "\n");

const { default: nlp } = await import("compromise");
let found = 0;
const best = (runs, f) => Math.min(...Array.from({ length: runs }, f));
const compromiseMs = best(3, () => {
  const t0 = performance.now();
  for (const text of docs) {
    const doc = nlp(text);
    found += doc.people().length + doc.places().length + doc.organizations().length + doc.quotations().length;
  }
  return performance.now() - t0;
});
const annotateMs = (jobs) => best(5, () => {
  const t0 = performance.now();
  execFileSync(annotate, ["--jobs", String(jobs), corpus], { stdio: ["ignore", "ignore", "inherit"], maxBuffer: 1 << 30 });
  return performance.now() - t0;
});
const one = annotateMs(1);
const cores = os.availableParallelism();
const all = annotateMs(cores);
console.log(`${docs.length} documents, ${words} words (best of 3 for compromise, of 5 for annotate); ` +
  `compromise found ${found / 3 / docs.length} people, places, organisations and quotations a document`);
console.log(`compromise 14.17.0 (Node ${process.versions.node}): ${compromiseMs.toFixed(0)} ms = ${(words / compromiseMs * 1000).toFixed(0)} words/s`);
for (const [label, ms] of [["annotate, 1 thread", one], [`annotate, ${cores} threads`, all]]) {
  console.log(`${label}: ${ms.toFixed(0)} ms = ${(words / ms * 1000).toFixed(0)} words/s, ` +
    `${(compromiseMs / ms).toFixed(1)}x compromise (target: 20x)`);
}
record("compromise", { words, compromise_ms: compromiseMs, one_thread_ms: one, all_threads_ms: all, threads: cores });
