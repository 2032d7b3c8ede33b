// What the browser benchmarks share: serve a built folder on a local port and launch Debian's
// Chromium headless, as the end-to-end tests do.
import { spawn } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

/** Serves `dir` with python3's http.server; returns its URL and a `stop` function. */
export async function serve(dir) {
  const port = 8000 + Math.floor(Math.random() * 1000);
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 700));
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.kill() };
}

/** Headless Chromium with the flags that keep it from reaching the network. */
export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** Appends `figures` (one benchmark's results) as a JSON line to the file named by
 * BENCH_FIGURES, when it is set; `tools/bench-report.mjs` prints them as one table. */
export function record(tool, figures) {
  const file = process.env.BENCH_FIGURES;
  if (file) appendFileSync(file, JSON.stringify({ tool, ...figures }) + "\n");
}

/** The benchmarks' long article: the Press TV sample and the quote development texts joined,
 * repeated until it has at least `wanted` words; returns the text and its word count. */
export function benchArticle(shared, wanted) {
  const parts = [readFileSync(path.join(shared, "samples/press-tv-iraq-foreign-forces.txt"), "utf8")];
  for (const line of readFileSync(path.join(shared, "data/quotes-dev/gold.jsonl"), "utf8").split("\n")) {
    if (line.trim()) parts.push(JSON.parse(line).text);
  }
  let text = parts.join("\n\n");
  while (text.split(/\s+/).length < wanted) text += "\n\n" + parts.join("\n\n");
  return { text, words: text.split(/\s+/).filter(Boolean).length };
}

/** Clicks Analyze and resolves with the time to the first frame after the article is drawn
 * whole (`ms`): its text is the text box's, it has its highlights, and it is no longer busy
 * (the worker has answered and every slice is painted); the time until the first quote was
 * drawn (`first`, a frame's precision); and the longest main-thread task in between
 * (`longest`; Long Tasks API, tasks over 50 ms). */
export function timeAnalyze(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const tasks = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
    observer.observe({ type: "longtask" });
    const text = document.querySelector('[data-testid="article-input"]').value;
    const t0 = performance.now();
    document.querySelector('[data-testid="analyze"]').click();
    let first = null;
    const check = () => {
      const article = document.querySelector('[data-testid="article"]');
      if (first === null && article?.querySelector('[data-kind="quote"]')) first = performance.now() - t0;
      const done = article && !article.hasAttribute("aria-busy") && article.querySelector('[data-kind="quote"]') &&
        article.textContent === text;
      if (!done) return requestAnimationFrame(check);
      requestAnimationFrame(() => setTimeout(() => {
        observer.takeRecords().forEach((e) => tasks.push(e.duration));
        observer.disconnect();
        resolve({ ms: performance.now() - t0, first, longest: Math.max(0, ...tasks) });
      }, 0));
    };
    requestAnimationFrame(check);
  }));
}
