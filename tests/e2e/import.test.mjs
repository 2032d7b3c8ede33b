// End-to-end tests of importing the native JSON export, from a file or pasted: a round trip
// gives back the same annotations as a new article; every malformed input changes nothing and
// says what is wrong; imported strings are shown as text, never run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { page, analyze, exportJson, openTab, selectText, STORY } from "./harness.mjs";

const libraryCount = async () => Number((await page.getByTestId("library-button").textContent()).match(/\d+/)[0]);
const storage = () => page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));

async function openImport() {
  if ((await page.locator('[data-testid="import"][open]').count()) === 0) await page.getByTestId("import").locator("summary").click();
}

async function paste(json) {
  await openImport();
  await page.getByTestId("import-text").fill(json);
  await page.getByTestId("import-text").press("Control+Enter");
}

test("an export imported from a file, then pasted, comes back as new articles with every annotation", async () => {
  await analyze(STORY);
  await selectText("Zorbex Trust owns");
  await page.getByTestId("note-text").fill("who owns it?");
  await page.getByTestId("tag-input").fill("owners");
  await page.getByTestId("save-note").click();
  await page.locator('[data-kind="quote"]', { hasText: "We have waited" }).first().click();
  await page.getByTestId("accept").click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, "utf8"));

  await openImport();
  await page.getByTestId("import-json").setInputFiles(file);
  await page.waitForFunction(() => /Library \(2\)/.test(document.querySelector('[data-testid="library-button"]').textContent));
  const again = (await exportJson()).data;
  const annotations = (d) => d.annotations.map(({ id, ...a }) => a);
  assert.deepEqual(annotations(again), annotations(exported));
  assert.deepEqual(again.decisions, exported.decisions);
  assert.equal(again.title, exported.title);

  await paste(readFileSync(file, "utf8"));
  await page.waitForFunction(() => /Library \(3\)/.test(document.querySelector('[data-testid="library-button"]').textContent));
  await openTab("notes");
  assert.match(await page.getByTestId("note-item").textContent(), /who owns it\?.*owners/);
  assert.equal(await page.locator('[data-kind="quote"][data-status="accepted"]').count(), 1);
});

test("malformed imports change nothing and say what is wrong and where", async () => {
  await analyze(STORY);
  await selectText("the quay");
  await page.getByTestId("save-note").click();
  const { data } = await exportJson();
  const note = data.annotations.findIndex((a) => a.kind === "note");
  const variant = (f) => {
    const copy = structuredClone(data);
    f(copy);
    return JSON.stringify(copy);
  };
  const cases = [
    ["not json", /not JSON/],
    [JSON.stringify({ format: "article-annotator", version: 99 }), /newer version.*format 99/],
    [JSON.stringify({ format: "something-else", version: 1 }), /"format" is not "article-annotator"/],
    [variant((d) => delete d.text), /missing field `text`/],
    [variant((d) => (d.annotations[note].end = 10_000)), /annotation n1: its offsets \d+\.\.10000 lie outside the text/],
    [variant((d) => { d.annotations[note].start += 1; d.annotations[note].end += 1; }), /annotation n1: the text at .* is “.*”, not “the quay”.*UTF-16/],
    // A W3C annotation whose position spans more characters than its quote has.
    [JSON.stringify({ type: "AnnotationCollection", first: { items: [{ id: "w1", type: "Annotation", target: { selector: [
      { type: "TextQuoteSelector", exact: "the quay" }, { type: "TextPositionSelector", start: 0, end: 9 }] } }] } }),
    /annotation w1: its TextPositionSelector \(0 to 9\) spans 9 characters.*UTF-16/],
  ];
  const before = await storage();
  for (const [json, why] of cases) {
    await paste(json);
    const banner = page.getByTestId("error-banner");
    await banner.waitFor();
    assert.match(await banner.textContent(), why);
    assert.match(await banner.textContent(), /Nothing was changed/);
    assert.equal(await libraryCount(), 1);
    assert.equal(await storage(), before, "storage untouched");
    await banner.getByRole("button").first().click();
    await banner.waitFor({ state: "detached" });
  }
});

test("strings in an import are shown as text: a note holding a script tag runs nothing", async () => {
  await analyze(STORY);
  await selectText("the quay");
  await page.getByTestId("save-note").click();
  const { data } = await exportJson();
  const evil = '<script>window.__ran = true</script><img src="x" onerror="window.__ran = true">';
  data.annotations.find((a) => a.kind === "note").note = evil;
  data.annotations.find((a) => a.kind === "note").tags = ["<b>bold</b>"];
  await paste(JSON.stringify(data));
  await page.waitForFunction(() => /Library \(2\)/.test(document.querySelector('[data-testid="library-button"]').textContent));
  await openTab("notes");
  assert.equal(await page.locator(".note-body").textContent(), evil);
  assert.equal(await page.locator(".notes .tag").textContent(), "<b>bold</b>");
  await page.locator('[data-kind="note"]').first().click();
  assert.equal(await page.getByTestId("note-text").inputValue(), evil);
  assert.equal(await page.evaluate(() => window.__ran), undefined, "nothing ran");
  assert.equal(await page.locator('img[src="x"], .notes script, .notes b').count(), 0);
});

test("W3C annotations import into the open article by their words; those not found wait under Not placed", async () => {
  await analyze(STORY);
  await selectText("the quay");
  await page.getByTestId("note-text").fill("which quay?");
  await page.getByTestId("save-note").click();
  await selectText("Zorbex Trust staff");
  await page.getByTestId("note-text").fill("who are they?");
  await page.getByTestId("save-note").click();
  await page.locator('[data-kind="quote"]', { hasText: "We have waited" }).first().click();
  await page.getByTestId("reject").click();
  await page.getByTestId("export-formats").locator("summary").click();
  const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-w3c").click()]);
  const w3c = readFileSync(await d.path(), "utf8");

  // Another version of the article: a paragraph added before, "the quay" gone.
  await analyze(`Correction appended.\n\n${STORY.replace("owns the quay", "owns the pier")}`);
  await paste(w3c);
  await page.getByTestId("error-banner").waitFor();
  assert.match(await page.getByTestId("error-banner").textContent(), /Imported 2 annotations.*1 could not be placed/);
  assert.equal(await libraryCount(), 2, "into the open article, not a new one");
  assert.equal(await page.locator('[data-kind="note"]', { hasText: "Zorbex Trust staff" }).count(), 1);
  assert.equal(await page.locator('[data-kind="quote"]', { hasText: "We have waited" }).count(), 0, "the rejection holds");

  // The one not placed is listed with its words, and placed by hand.
  await openTab("notes");
  const orphans = page.getByTestId("orphans");
  assert.match(await orphans.textContent(), /“the quay” — which quay\?/);
  assert.equal(await orphans.getByTestId("place-orphan").isDisabled(), true);
  await selectText("the pier");
  await orphans.getByTestId("place-orphan").click();
  assert.equal(await page.locator('[data-kind="note"]', { hasText: "the pier" }).count(), 1);
  assert.equal(await page.getByTestId("orphans").count(), 0);
  assert.equal(await page.getByTestId("note-text").inputValue(), "which quay?");
});
