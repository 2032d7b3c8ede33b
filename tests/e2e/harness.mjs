// Shared set-up of the end-to-end tests: serve dist/, launch Debian's Chromium, open a page.
import { before, after, beforeEach, afterEach } from "node:test";
import { spawn } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";
import assert from "node:assert/strict";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SHARED = process.env.SHARED_DIR;
if (!SHARED || !existsSync(SHARED)) {
  throw new Error("SHARED_DIR is not set to the shared data folder (the Makefile sets it to ../shared)");
}
export const SAMPLE = readFileSync(path.join(SHARED, "samples/press-tv-iraq-foreign-forces.txt"), "utf8");
export const SCHEMA = JSON.parse(readFileSync(path.join(ROOT, "schema/annotations-v3.schema.json"), "utf8"));

/** A short story written for these tests (no real people): four quotes by two speakers. */
export const STORY = [
  "Harbour vote",
  "\u201cWe have waited long enough,\u201d said Clara Osei, the mayor of Port Wenlow.",
  "\u201cThis is not the deal we wanted,\u201d said Desmond Kray. \u201cBut the water does not wait.\u201d",
  "\u201cPeople deserve to see where their money goes,\u201d Osei said.",
  "The Zorbex Trust owns the quay. Zorbex Trust staff were not consulted.",
].join("\n\n");

let server, browser, context, base;
/** The page of the current test. */
export let page;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not start`);
}

before(async () => {
  if (!existsSync(path.join(ROOT, "dist/index.html"))) throw new Error("dist/ is missing: run `make build` first");
  const port = await freePort();
  server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", path.join(ROOT, "dist")], {
    stdio: "ignore",
  });
  base = `http://127.0.0.1:${port}/`;
  await waitForServer(base);
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/** Per test file: `bypassCSP` for tests that inject scripts (axe-core); the others run under
 * the page's own Content-Security-Policy, and every violation of it fails the test. `touch`
 * makes the page a phone's: a touch screen, no mouse, 390 px wide. `serviceWorkers: "block"`
 * keeps the offline cache out, so that routes see every request. */
export const options = { bypassCSP: false, touch: false, serviceWorkers: "allow" };

beforeEach(async () => {
  const phone = options.touch ? { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } } : {};
  context = await browser.newContext({
    acceptDownloads: true, bypassCSP: options.bypassCSP, serviceWorkers: options.serviceWorkers, ...phone,
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page = await context.newPage();
  page.on("pageerror", (e) => { throw e; });
  await page.goto(base);
  await page.getByTestId("analyze").waitFor();
});

afterEach(async () => {
  for (const p of context?.pages() ?? []) {
    const violations = await p.evaluate(() => window.__cspViolations).catch(() => []);
    assert.deepEqual(violations, [], "Content-Security-Policy violations");
  }
  await context?.close();
});

/** Waits until the open article's analysis is drawn: the model has arrived, the analysis worker
 * has answered and every slice is painted (the article is no longer `aria-busy`). */
export async function settled() {
  await page.locator('.app[data-model="ready"]').waitFor();
  await page.locator('[data-testid="article"]:not([aria-busy])').waitFor();
}

/** Pastes `text` into the text box (opened for a new article if an article is showing),
 * presses Analyze (once the name model has arrived) and waits for the analysis. */
export async function analyze(text) {
  await page.locator('.app[data-model="ready"]').waitFor();
  if ((await page.getByTestId("article-input").count()) === 0) await page.getByTestId("new-article").click();
  await page.getByTestId("article-input").fill(text);
  await page.getByTestId("analyze").click();
  await page.locator('[data-testid="article"] p').first().waitFor();
  await settled();
}

/** Replaces the open article's text with `text` (Edit text, then Analyze). */
export async function editText(text) {
  await page.getByTestId("edit-text").click();
  await page.getByTestId("article-input").fill(text);
  await page.getByTestId("analyze").click();
  await page.getByTestId("article-input").waitFor({ state: "detached" });
  await settled();
}

/** Opens the side panel's tab `name` (quotes, names, notes). */
export async function openTab(name) {
  await page.getByTestId(`tab-${name}`).click();
}

/** Selects the `nth` occurrence of `needle` in the rendered article, as a user would by mouse. */
export async function selectText(needle, nth = 0) {
  await page.evaluate(([needle, nth]) => {
    const root = document.querySelector('[data-testid="article"]');
    const full = root.textContent;
    let at = -1;
    for (let i = 0; i <= nth; i++) at = full.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`not in the article: ${needle}`);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const points = [];
    let seen = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.data.length;
      for (const [k, target] of [[0, at], [1, at + needle.length]]) {
        if (points[k] === undefined && target >= seen && target <= seen + len && !(k === 0 && target === seen + len)) {
          points[k] = [n, target - seen];
        }
      }
      seen += len;
    }
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.setBaseAndExtent(points[0][0], points[0][1], points[1][0], points[1][1]);
  }, [needle, nth]);
}

/** Downloads the export and parses it. */
export async function exportJson() {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  return { name: download.suggestedFilename(), data: JSON.parse(readFileSync(await download.path(), "utf8")) };
}
