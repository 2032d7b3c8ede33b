// The one table `make bench` ends with: every figure the benchmarks recorded (BENCH_FIGURES,
// written by the browser and compromise benchmarks through `record` in headless.mjs), the
// criterion medians under target/criterion, and the page's size, each beside its target, with
// the date and the machine.
// usage: node tools/bench-report.mjs FIGURES.jsonl DIST
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import os from "node:os";
import path from "node:path";

const [figuresFile, dist] = process.argv.slice(2);
const figures = {};
// The interaction benchmark runs once per article length.
const interactions = [];
for (const line of readFileSync(figuresFile, "utf8").split("\n").filter(Boolean)) {
  const f = JSON.parse(line);
  if (f.tool === "interaction") interactions.push(f);
  else figures[f.tool] = f;
}

/** Criterion's median (ms) and throughput elements for one benchmark, if it ran. */
function criterion(group, name) {
  const dir = path.join("target/criterion", group, name, "new");
  if (!existsSync(path.join(dir, "estimates.json"))) return null;
  const ms = JSON.parse(readFileSync(path.join(dir, "estimates.json"), "utf8")).median.point_estimate / 1e6;
  const throughput = JSON.parse(readFileSync(path.join(dir, "benchmark.json"), "utf8")).throughput;
  return { ms, elements: throughput?.Elements ?? null };
}

const rows = [];
const row = (what, value, target, met) => rows.push([what, value, target, met === undefined ? "" : met ? "yes" : "no"]);
const fmt = (x, digits = 0) => x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

const analysis = criterion("analysis", "testa+sample");
if (analysis) {
  const perSecond = analysis.elements / (analysis.ms / 1000);
  row("engine, criterion `analysis` (testa + sample, one core)", `${fmt(analysis.ms, 1)} ms, ${fmt(perSecond)} tokens/s`, "≥ 500,000 tokens/s", perSecond >= 500_000);
}
for (const words of [1000, 10000, 100000]) {
  const r = criterion("length", `${words} words`);
  if (r) row(`engine, one article of ${fmt(r.elements)} words`, `${fmt(r.ms, 1)} ms, ${fmt((r.ms * 1000) / r.elements, 2)} ms per 1,000 words`, "linear in length");
}
const b = figures.browser;
if (b) {
  const ratio = analysis ? b.median_ms / analysis.ms : null;
  row("engine in Chromium (same texts, web profile)", `${fmt(b.median_ms)} ms, ${fmt(b.tokens / (b.median_ms / 1000))} tokens/s` +
    (ratio ? `, ${fmt(ratio, 2)}x native` : ""), "");
  if (b.compromise_ms) {
    const peer = b.compromise_ms / b.median_ms;
    row(`compromise ${b.compromise_version} in the same page (same ${fmt(b.words)} words)`, `${fmt(b.compromise_ms)} ms: the engine ${fmt(peer, 1)}x faster per word`,
      "≥ 20x", peer >= 20);
  }
}
for (const i of interactions.sort((a, b) => a.words - b.words)) {
  // The drawing target is for a 10,000-word article; the task target holds at any length.
  const short = i.words < 50_000;
  row(`Analyze to drawn, ${fmt(i.words)} words`, `${fmt(i.drawn_ms)} ms (first quotes ${fmt(i.first_ms)} ms; longest task ${fmt(i.longest_task_ms)} ms)`,
    short ? "≤ 100 ms" : "no task > 50 ms", short ? i.drawn_ms <= 100 : i.longest_task_ms <= 50);
  for (const what of ["open the editor", "accept", "reject"]) {
    row(`${what}, ${fmt(i.words)} words (median of 5)`, `${fmt(i[what], 1)} ms`, "≤ 50 ms", i[what] <= 50);
  }
}
const l = figures.load;
if (l) {
  row("navigation to a usable paste box", `${fmt(l.paste_ms)} ms`, "≤ 300 ms", l.paste_ms <= 300);
  row("navigation to names from the model", `${fmt(l.model_ms)} ms`, "");
  row(`Analyze to drawn, ${fmt(l.words)} words`, `${fmt(l.drawn_ms)} ms`, "");
  row(`longest main-thread task, ${fmt(l.words)} words`, `${fmt(l.longest_task_ms)} ms`, "≤ 50 ms", l.longest_task_ms <= 50);
  const total = l.heap_mb + l.wasm_mb;
  row(`memory after ${fmt(l.words)} words (page and worker: JS heap + wasm)`, `${fmt(l.heap_mb, 1)} + ${fmt(l.wasm_mb, 1)} = ${fmt(total, 1)} MB`, "≤ 100 MB", total <= 100);
}
const c = figures.compromise;
if (c) {
  row(`compromise 14.17.0, ${fmt(c.words)} words`, `${fmt(c.compromise_ms)} ms, ${fmt(c.words / (c.compromise_ms / 1000))} words/s`, "");
  for (const [label, ms] of [["1 thread", c.one_thread_ms], [`${c.threads} threads`, c.all_threads_ms]]) {
    const ratio = c.compromise_ms / ms;
    row(`\`annotate\` whole process, ${label}`, `${fmt(ms)} ms, ${fmt(ratio, 1)}x compromise`, "≥ 20x", ratio >= 20);
  }
}
if (dist && existsSync(dist)) {
  let raw = 0;
  let gzip = 0;
  for (const f of readdirSync(dist)) {
    const bytes = readFileSync(path.join(dist, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  row("page, every file in dist/", `${fmt(raw / 1e6, 2)} MB raw, ${fmt(gzip / 1e6, 2)} MB gzip`, "≤ 3 MB gzip", gzip <= 3e6);
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
console.log(`\nBenchmarks, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}\n`);
console.log("| figure | measured | target | met |");
console.log("| --- | --- | --- | --- |");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
