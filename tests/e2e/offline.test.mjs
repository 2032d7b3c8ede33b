// End-to-end tests of offline use: after one visit, the service worker (assets/sw.js, filled in
// by the build) serves the page with no server at all, and a new build replaces the old copy.
// Each test serves its own copy of dist/ so that it can stop the server or change the build.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { serve, launch } from "../../tools/headless.mjs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const STORY =
  "\u201cWe have waited long enough,\u201d said Clara Osei, the mayor of Port Wenlow. " +
  "The harbour board meets in Port Wenlow on Friday.";

/** A copy of dist/ served on a local port; `stop` ends the server, `remove` the copy. */
async function servedCopy() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "annotator-offline-"));
  cpSync(path.join(ROOT, "dist"), dir, { recursive: true });
  const server = await serve(dir);
  return { dir, ...server, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A page that records Content-Security-Policy violations (checked by `noViolations`). */
async function newPage(browser) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return context.newPage();
}

async function noViolations(page) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], "Content-Security-Policy violations");
}

/** Opens the page and waits until its service worker controls it, which it does only once it
 * has cached the whole build. */
async function firstVisit(page, url) {
  await page.goto(url);
  await page.getByTestId("analyze").waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Runs `body(page, site)` on a fresh browser and a served copy of dist/, then cleans up. */
async function withSite(body) {
  const site = await servedCopy();
  const browser = await launch();
  try {
    const page = await newPage(browser);
    await firstVisit(page, site.url);
    await body(page, site);
  } finally {
    await browser.close();
    site.stop();
    site.remove();
  }
}

async function serverIsDown(url) {
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(url);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server at ${url} is still up`);
}

test("after one visit the app loads and analyses an article with no server", () =>
  withSite(async (page, site) => {
    await noViolations(page);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names[0]);
      return { names, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    assert.equal(cached.names.length, 1, "one cache, this build's");
    assert.ok(cached.files.some((f) => /^\/model-[0-9a-f]+\.bin$/.test(f)), "the model is cached");
    assert.ok(cached.files.some((f) => f.endsWith("_bg.wasm")), "the engine is cached");

    site.stop();
    await serverIsDown(site.url);
    await page.reload();
    await page.getByTestId("analyze").waitFor();
    await page.locator('.app[data-model="ready"]').waitFor();
    if ((await page.getByTestId("article-input").count()) === 0) await page.getByTestId("new-article").click();
    await page.getByTestId("article-input").fill(STORY);
    await page.getByTestId("analyze").click();
    const quote = page.locator('[data-kind="quote"]', { hasText: "We have waited long enough" }).first();
    await quote.waitFor();
    assert.match(await quote.getAttribute("data-speaker"), /Clara Osei/);
    assert.ok((await page.locator('[data-kind="entity"][data-label="LOC"]', { hasText: "Port Wenlow" }).count()) > 0);
    assert.equal(await page.getByTestId("article").evaluate((el) => el.textContent), STORY);
    await noViolations(page);
  }));

test("a new build replaces the old offline copy", () =>
  withSite(async (page, site) => {
    const [before] = await page.evaluate(() => caches.keys());
    // A new build: a changed page, hence a service worker with another version.
    const sw = path.join(site.dir, "sw.js");
    const source = readFileSync(sw, "utf8");
    const version = source.match(/const VERSION = "([0-9a-f]+)"/)[1];
    writeFileSync(sw, source.replace(`"${version}"`, `"${version.split("").reverse().join("")}"`));
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
    });
    // The new worker installs, takes over and drops the old build's cache.
    let names = [];
    for (let i = 0; i < 100; i++) {
      names = await page.evaluate(() => caches.keys());
      if (names.length === 1 && names[0] !== before) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(names.length, 1, `one cache: ${names}`);
    assert.notEqual(names[0], before, "the new build's cache");
    await page.reload();
    await page.getByTestId("analyze").waitFor();
  }));
