// End-to-end tests of the library (several articles in storage) and of the text box: rich
// text pasted or opened from a file, cleaned to plain text without running anything.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { page, analyze, settled, ROOT, STORY } from "./harness.mjs";

const items = () => page.getByTestId("library-item");
const articleKeys = () =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("article-annotator/article/")).sort());

/** Waits until storage holds `n` article entries (a change is saved after it is painted). */
const storedArticles = (n) =>
  page.waitForFunction((n) => Object.keys(localStorage).filter((k) => k.startsWith("article-annotator/article/")).length === n, n)
    .then(() => n);

async function openLibrary() {
  if ((await page.locator('[data-testid="library"][open]').count()) === 0) await page.getByTestId("library-button").click();
  await page.locator(".library-body").waitFor();
}

test("the library keeps several articles with title, date, counts and size; open, rename, delete with undo", async () => {
  await analyze(STORY);
  await analyze("Second piece\n\n\u201cIt works,\u201d said Ana Ruiz.");
  await openLibrary();
  assert.equal(await items().count(), 2);
  // Newest first; the title is the first line when none is given.
  assert.deepEqual(await page.getByTestId("library-open").allTextContents(), ["Second piece", "Harbour vote"]);
  const harbour = items().filter({ hasText: "Harbour vote" });
  assert.match(await harbour.textContent(), /\d+ words · 0 highlights · 0 reviewed/);
  assert.match(await harbour.getByTestId("stored-size").textContent(), /^\d+(\.\d)? (B|KB)$/);
  assert.ok(await harbour.locator("time[datetime]").count(), "a date");
  assert.equal(await storedArticles(2), 2, "one storage entry per article");

  // Open the older one.
  await harbour.getByTestId("library-open").click();
  assert.match(await page.getByTestId("article").textContent(), /^Harbour vote/);

  // Rename, then delete and undo the deletion.
  await openLibrary();
  await items().filter({ hasText: "Second piece" }).getByTestId("rename").click();
  await page.getByTestId("rename-input").fill("Ruiz on the harbour");
  await page.getByTestId("rename-input").press("Enter");
  assert.deepEqual(await page.getByTestId("library-open").allTextContents(), ["Ruiz on the harbour", "Harbour vote"]);
  await items().filter({ hasText: "Ruiz on the harbour" }).getByTestId("delete-article").click();
  assert.equal(await items().count(), 1);
  assert.equal(await storedArticles(1), 1);
  assert.match(await page.getByTestId("deleted-notice").textContent(), /Deleted “Ruiz on the harbour”/);
  await page.getByTestId("undo-delete").click();
  assert.equal(await storedArticles(2), 2);
  assert.match(await page.getByTestId("article").textContent(), /It works/);

  // All of it survives a reload.
  await page.reload();
  await openLibrary();
  assert.deepEqual((await page.getByTestId("library-open").allTextContents()).sort(), ["Harbour vote", "Ruiz on the harbour"]);
});

test("an unreadable article is named, kept aside and never overwritten; the others load", async () => {
  await analyze(STORY);
  await analyze("Kept piece\n\nAnother text.");
  const [first] = await articleKeys();
  const damaged = await page.evaluate((k) => {
    const raw = localStorage.getItem(k);
    const bad = raw.replace('"next_id"', '"next_id_damaged"').replace(/"version":2/, '"version":2,"document_damaged":1').replace('"text":', '"text":7,"x":');
    localStorage.setItem(k, bad);
    return bad;
  }, first);
  await page.reload();
  await page.getByTestId("error-banner").waitFor();
  assert.match(await page.getByTestId("error-banner").textContent(), /could not be read.*left untouched/);
  await openLibrary();
  await page.getByTestId("unreadable-item").waitFor();
  assert.equal(await items().count(), 1);
  assert.equal(await page.getByTestId("unreadable-item").count(), 1);
  // Work goes on; the damaged entry stays as it was.
  await analyze("A third piece, written after the error.");
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), first), damaged);
});

test("a version 1 store migrates on load, with its notes and decisions", async () => {
  const v1 = readFileSync(path.join(ROOT, "tests/fixtures/storage-v1.json"), "utf8");
  await page.evaluate((raw) => localStorage.setItem("article-annotator", raw), v1);
  await page.reload();
  await page.locator('[data-kind="note"]').first().waitFor();
  assert.match(await page.getByTestId("article").textContent(), /^Council notes/);
  assert.equal(await page.locator('[data-kind="note"]').textContent(), "Port Wenlow");
  // Its "Bo Chan is an organisation" correction holds.
  assert.equal(await page.locator('[data-kind="entity"]', { hasText: /^Bo Chan$/ }).getAttribute("data-label"), "ORG");
  await page.waitForFunction(() => localStorage.getItem("article-annotator") === null);
  assert.equal(await page.evaluate(() => localStorage.getItem("article-annotator")), null, "replaced by a version 2 entry");
  assert.equal(await storedArticles(1), 1);
});

test("rich text pasted is cleaned to paragraphs; nothing in it runs; the text box folds away and reopens", async () => {
  await page.locator('.app[data-model="ready"]').waitFor();
  const html =
    '<html><head><style>p{color:red}</style><script>window.__ran = true</script></head><body>' +
    '<h1>Harbour&nbsp;vote</h1><p>The council <b>met</b> on Monday.<img src="x" onerror="window.__ran = true"></p>' +
    '<p>&ldquo;We will build,&rdquo; said Ana Ruiz.<br>New line.</p><script>window.__ran = true</script></body></html>';
  await page.getByTestId("article-input").evaluate((area, html) => {
    area.focus();
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "plain fallback");
    area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
  const text = "Harbour vote\n\nThe council met on Monday.\n\n\u201cWe will build,\u201d said Ana Ruiz.\nNew line.";
  assert.equal(await page.getByTestId("article-input").inputValue(), text);
  assert.equal(await page.evaluate(() => window.__ran === true), false, "no script ran");
  await page.getByTestId("analyze").click();
  assert.equal(await page.getByTestId("article-input").count(), 0, "folded away");
  assert.equal(await page.getByTestId("article").evaluate((el) => el.textContent), text);
  await page.getByTestId("edit-text").click();
  assert.equal(await page.getByTestId("article-input").inputValue(), text);
  await page.getByTestId("close-input").click();
  assert.equal(await page.getByTestId("article-input").count(), 0);
});

test("a .html, .txt or .md file opens by the file button or by dropping it", async () => {
  await page.locator('.app[data-model="ready"]').waitFor();
  await page.getByTestId("open-file").setInputFiles({
    name: "story.html",
    mimeType: "text/html",
    buffer: Buffer.from("<article><h2>From a file</h2><p>It was <i>opened</i>.</p><script>window.__ran=1</script></article>"),
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="article-input"]').value.startsWith("From a file"));
  assert.equal(await page.getByTestId("article-input").inputValue(), "From a file\n\nIt was opened.");
  await page.getByTestId("open-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("Line one\r\nLine two") });
  await page.waitForFunction(() => document.querySelector('[data-testid="article-input"]').value.startsWith("Line one"));
  assert.equal(await page.getByTestId("article-input").inputValue(), "Line one\nLine two");
  // Dropped on the text box.
  await page.locator(".input-panel").evaluate((panel) => {
    const data = new DataTransfer();
    data.items.add(new File(["# Dropped\n\nA markdown file."], "dropped.md", { type: "text/markdown" }));
    panel.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="article-input"]').value.startsWith("# Dropped"));
  assert.equal(await page.evaluate(() => window.__ran), undefined);
});

test("a change is saved just after it is drawn, and at once when the page goes away", async () => {
  await analyze(STORY);
  await page.locator('[data-kind="quote"]').first().click();
  // A slow machine: the renderer yields to the browser between drawing a change and running its
  // effects, and a page closed then must still save what was drawn.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 30 });
  const saved = await page.evaluate(async () => {
    const stored = () => Object.keys(localStorage).filter((k) => k.includes("/article/"))
      .map((k) => JSON.parse(localStorage.getItem(k)).document.decisions.length);
    document.querySelector('[data-testid="accept"]').click();
    // The change is drawn (microtasks) but its save waits until it is painted...
    for (let i = 0; i < 20; i++) await Promise.resolve();
    const drawn = document.querySelectorAll('[data-kind="quote"][data-status="accepted"]').length;
    const waiting = stored();
    // ...unless the page goes away first.
    window.dispatchEvent(new PageTransitionEvent("pagehide"));
    return { drawn, waiting, leaving: stored() };
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  assert.equal(saved.drawn, 1);
  assert.deepEqual(saved.waiting, [0]);
  assert.deepEqual(saved.leaving, [1]);
  await page.reload();
  await settled();
  assert.equal(await page.locator('[data-kind="quote"][data-status="accepted"]').count(), 1);
});
