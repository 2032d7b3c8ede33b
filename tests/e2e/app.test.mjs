// End-to-end tests of the built app (dist/) in headless Chromium, driven by playwright-core.
// Run by `make test` (node --test tests/e2e/); SHARED_DIR must point at the shared data folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020.js";
import { page, analyze, settled, selectText, exportJson, SAMPLE, SCHEMA } from "./harness.mjs";

test("the analysed article keeps the text exactly and shows quotes, speakers and entities", async () => {
  await analyze(SAMPLE);
  const article = page.getByTestId("article");
  assert.equal(await article.evaluate((el) => el.textContent), SAMPLE);
  const paragraphs = await article.locator("p").count();
  assert.equal(paragraphs, SAMPLE.split(/\n{2,}/).filter((p) => p.trim()).length);

  const quote = page.locator('[data-kind="quote"]', { hasText: "There is no need for any foreign combat forces" }).first();
  assert.match(await quote.getAttribute("data-speaker"), /Kadhimi/);
  const entities = page.locator('[data-kind="entity"]');
  assert.ok((await entities.count()) >= 10);
  for (const label of await entities.evaluateAll((els) => els.map((e) => e.dataset.label))) {
    assert.ok(["PER", "ORG", "LOC", "MISC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"].includes(label), label);
  }
  // A name inside a quote carries both highlights.
  const nested = page.locator('[data-kind="quote"] [data-kind="entity"]');
  assert.ok((await nested.count()) >= 1, "an entity inside a quote");
  assert.equal(await page.locator('[data-kind="entity"][data-label="LOC"]', { hasText: "Washington" }).count() > 0, true);
});

test("a click opens the innermost highlight under it; marks of search matches pass the click on", async () => {
  await analyze("Ana Ruiz said: \u201cThe council in Lisbon will rebuild the wall.\u201d Then she left.");
  const quote = page.locator('[data-kind="quote"]').first();
  const name = quote.locator('[data-kind="entity"]', { hasText: "Lisbon" });
  assert.equal(await name.count(), 1, "a name inside the quote");
  await name.click();
  assert.equal(await page.locator("#selected").getAttribute("data-kind"), "entity");
  assert.equal(await page.getByTestId("editor-excerpt").textContent(), "Lisbon");
  // The quote's own words, outside the name.
  await quote.evaluate((el) => el.click());
  assert.equal(await page.locator("#selected").getAttribute("data-kind"), "quote");
  assert.match(await page.getByTestId("editor-excerpt").textContent(), /rebuild the wall/);
  await page.getByTestId("close-editor").click();
  assert.equal(await page.locator("#selected").count(), 0);
  // A search match inside the quote: the click reaches the quote.
  await page.getByTestId("search").fill("rebuild");
  await page.getByTestId("search-match").first().evaluate((el) => el.click());
  assert.equal(await page.locator("#selected").getAttribute("data-kind"), "quote");
  await page.getByTestId("search").fill("");
});

test("a highlight that crosses another is drawn in pieces sharing one data-id", async () => {
  await analyze("Ana Ruiz said: \u201cWe will rebuild the wall.\u201d Then she left the town hall.");
  await selectText("rebuild the wall.\u201d Then she");
  await page.getByTestId("note-text").fill("crosses the quote");
  await page.getByTestId("save-note").click();
  const pieces = page.locator('[data-kind="note"]');
  assert.ok((await pieces.count()) >= 2, "drawn in pieces");
  const ids = new Set(await pieces.evaluateAll((els) => els.map((e) => e.dataset.id)));
  assert.equal(ids.size, 1);
  const joined = (await pieces.evaluateAll((els) => els.map((e) => e.textContent))).join("");
  assert.equal(joined, "rebuild the wall.\u201d Then she");
});

test("own highlights with notes can be added, edited, deleted, and survive a reload", async () => {
  await analyze(SAMPLE);
  await selectText("approximately 2,500 US troops");
  await page.getByTestId("note-text").fill("Check the number against the Pentagon figure.");
  await page.getByTestId("save-note").click();
  const note = page.locator('[data-kind="note"]');
  assert.equal(await note.count(), 1);
  assert.equal(await note.textContent(), "approximately 2,500 US troops");

  await page.reload();
  await page.locator('[data-kind="note"]').first().waitFor();
  assert.equal(await page.getByTestId("article").evaluate((el) => el.textContent), SAMPLE);
  await page.locator('[data-kind="note"]').first().click();
  assert.equal(await page.getByTestId("note-text").inputValue(), "Check the number against the Pentagon figure.");
  await page.getByTestId("note-text").fill("Edited note");
  await page.getByTestId("save-note").click();
  await page.reload();
  await page.locator('[data-kind="note"]').first().click();
  assert.equal(await page.getByTestId("note-text").inputValue(), "Edited note");

  await page.getByTestId("delete-note").click();
  assert.equal(await page.locator('[data-kind="note"]').count(), 0);
  await page.reload();
  await page.getByTestId("article").locator("p").first().waitFor();
  assert.equal(await page.locator('[data-kind="note"]').count(), 0);
});

test("export downloads a schema-valid JSON file with code-point offsets", async () => {
  const text = "Wall vote \u2014 \u{1F30A} harbour news\n\n\u201cWe have waited long enough,\u201d said Clara Osei in Port Wenlow.";
  await analyze(text);
  await selectText("Port Wenlow");
  await page.getByTestId("note-text").fill("invented town");
  await page.getByTestId("save-note").click();
  const { name, data } = await exportJson();
  assert.equal(name, "wall-vote-harbour-news.annotations.json");
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const valid = ajv.validate(SCHEMA, data);
  assert.ok(valid, JSON.stringify(ajv.errors));
  assert.equal(data.text, text);
  const cps = Array.from(text);
  for (const a of data.annotations) {
    assert.equal(cps.slice(a.start, a.end).join(""), a.text, `${a.id} offsets`);
  }
  const quote = data.annotations.find((a) => a.kind === "quote");
  assert.equal(quote.text, "We have waited long enough,");
  assert.equal(quote.speaker, "Clara Osei");
  const note = data.annotations.find((a) => a.kind === "note");
  assert.deepEqual([note.text, note.note, note.status], ["Port Wenlow", "invented town", "own"]);
  assert.ok(data.annotations.some((a) => a.kind === "entity" && a.label === "PER" && a.text === "Clara Osei"));
});

test("the sample button loads an invented article marked as such", async () => {
  await page.getByTestId("sample").click();
  await page.getByTestId("article").locator("p").first().waitFor();
  // The text shows before its analysis: count the quotes once the analysis is drawn.
  await settled();
  const text = await page.getByTestId("article").textContent();
  assert.match(text, /invented/i);
  assert.ok((await page.locator('[data-kind="quote"]').count()) >= 3);
  // The text box folds away so the article has the width, and can be reopened with the text.
  assert.equal(await page.getByTestId("article-input").count(), 0);
  await page.getByTestId("edit-text").click();
  assert.equal(await page.getByTestId("article-input").inputValue(), text);
});

test("unreadable saved data is reported and never overwritten", async () => {
  const corrupt = '{"version": 1, "document": {"text": 12}}';
  const future = '{"version": 99, "document": {"text": "from the future"}}';
  for (const raw of [corrupt, future]) {
    await page.evaluate((raw) => localStorage.setItem("article-annotator", raw), raw);
    await page.reload();
    await page.getByTestId("error-banner").waitFor();
    assert.match(await page.getByTestId("error-banner").textContent(), /left untouched/);
    await analyze("A new article, typed after the error.");
    assert.equal(await page.evaluate(() => localStorage.getItem("article-annotator")), raw);
  }
});

test("full storage shows a message and keeps the work in the tab", async () => {
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await analyze("\u201cKeep this,\u201d said Ana Ruiz.");
  await page.getByTestId("error-banner").waitFor();
  assert.match(await page.getByTestId("error-banner").textContent(), /full.*“Keep this,” said Ana Ruiz\..*were not saved/);
  assert.equal(await page.getByTestId("article").textContent(), "\u201cKeep this,\u201d said Ana Ruiz.");
  // It offers to keep a copy, and to make room (the library lists each article's size).
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("full-export").click()]);
  assert.match(download.suggestedFilename(), /keep-this.*\.annotations\.json$/);
  await page.getByTestId("full-library").click();
  await page.locator(".library-body").waitFor();
  assert.match(await page.getByTestId("stored-size").first().textContent(), /\d+ B/);
});

test("blocked storage: the page works in memory and says so", async () => {
  await page.context().addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await page.reload();
  await page.getByTestId("error-banner").waitFor();
  assert.match(await page.getByTestId("error-banner").textContent(), /does not let the page use its storage.*stays here until then/);
  await analyze("\u201cStill works,\u201d said Ana Ruiz.");
  assert.equal(await page.locator('[data-kind="quote"]').count(), 1);
  await page.locator('[data-kind="quote"]').first().click();
  await page.getByTestId("accept").click();
  assert.equal(await page.locator('[data-kind="quote"][data-status="accepted"]').count(), 1);
});

test("the model file arrives as a separate hashed file after the first render; nothing leaves the origin", async () => {
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.reload();
  // The text box works before the model is there.
  await page.getByTestId("article-input").fill("Typed while the model loads.");
  await page.locator('.app[data-model="ready"]').waitFor();
  const origin = new URL(page.url()).origin;
  // One hashed model file, fetched after the app's code (a request from the page before the
  // reload may still show up first).
  const model = requests.filter((u) => /\/model-[0-9a-f]{16}\.bin$/.test(u));
  assert.equal(new Set(model).size, 1, requests.join("\n"));
  const wasm = requests.findIndex((u) => /\/article-annotator-[0-9a-f]+_bg\.wasm$/.test(u));
  assert.ok(wasm >= 0 && requests.lastIndexOf(model[0]) > wasm, requests.join("\n"));
  assert.ok(requests.every((u) => u.startsWith(origin) || u.startsWith("data:")), requests.join("\n"));
  assert.equal(await page.getByTestId("article-input").inputValue(), "Typed while the model loads.");
  // Names come from the model: a person the rules cannot know.
  await analyze("Shares rose after Herbert Diess spoke in Frankfurt on Tuesday.");
  assert.equal(await page.locator('[data-kind="entity"][data-label="PER"]').first().textContent(), "Herbert Diess");
});
