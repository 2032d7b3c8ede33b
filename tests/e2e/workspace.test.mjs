// End-to-end tests of the review workspace: review states and bulk acceptance, boundaries by
// keyboard and by dragging, undo and redo, own highlights with labels, colours, notes and tags,
// the side panel's tabs and search, keyboard-only review and the shortcut help.
import { test } from "node:test";
import assert from "node:assert/strict";
import { page, analyze, editText, openTab, selectText, STORY } from "./harness.mjs";

const quote = (text) => page.locator('[data-kind="quote"]', { hasText: text }).first();
const status = (text) => quote(text).getAttribute("data-status");
const progress = () => page.getByTestId("review-progress").textContent();

test("suggestions are accepted, rejected and corrected; the progress line counts them; re-analysis keeps every decision", async () => {
  await analyze(STORY);
  assert.match(await progress(), /^0 of 4 quotes reviewed/);
  await quote("We have waited").click();
  assert.equal(await page.getByTestId("review-status").getAttribute("data-status"), "suggested");
  await page.getByTestId("accept").click();
  assert.equal(await status("We have waited"), "accepted");
  assert.equal(await page.getByTestId("review-status").getAttribute("data-status"), "accepted");
  await quote("This is not the deal").click();
  await page.getByTestId("reject").click();
  assert.equal(await page.locator('[data-kind="quote"]', { hasText: "This is not the deal" }).count(), 0);
  await quote("But the water").click();
  await page.getByTestId("set-speaker").fill("Clara Osei");
  await page.getByTestId("set-speaker").press("Enter");
  assert.equal(await status("But the water"), "edited");
  assert.match(await progress(), /^3 of 4 quotes reviewed/);

  // The same text analysed again (edited around it): nothing rejected comes back, nothing
  // accepted is lost.
  await editText(`Update.\n\n${STORY}`);
  assert.equal(await status("We have waited"), "accepted");
  assert.equal(await status("But the water"), "edited");
  assert.equal(await page.locator('[data-kind="quote"]', { hasText: "This is not the deal" }).count(), 0);
  assert.match(await progress(), /^3 of 4 quotes reviewed/);
  await page.reload();
  await page.getByTestId("review-progress").waitFor();
  assert.match(await progress(), /^3 of 4 quotes reviewed/);
});

test("accept all: of one speaker, of one entity group, of every quote; the filter shows what is left", async () => {
  await analyze(STORY);
  const kray = page.locator('[data-testid="speaker-group"][data-speaker="Desmond Kray"]');
  await kray.getByTestId("accept-all").click();
  assert.equal(await status("This is not the deal"), "accepted");
  assert.equal(await status("But the water"), "accepted");
  assert.equal(await status("We have waited"), "suggested");
  assert.match(await progress(), /^2 of 4 quotes reviewed/);

  // Only what is not reviewed yet.
  await page.getByTestId("filter").selectOption("unreviewed");
  assert.equal(await page.locator('[data-testid="speaker-group"][data-speaker="Desmond Kray"]').count(), 0);
  assert.equal(await page.locator('[data-testid="speaker-group"][data-speaker="Clara Osei"] li').count(), 2);
  await page.getByTestId("filter").selectOption("all");

  // One entity group: every mention of Zorbex Trust at once.
  await openTab("names");
  const groups = await page.getByTestId("entity-group").count();
  assert.ok(groups >= 2, `${groups} name groups`);
  const first = page.getByTestId("entity-group").first();
  const name = await first.getAttribute("data-name");
  const mentions = Number(await first.locator(".count").textContent());
  await first.getByTestId("accept-all").click();
  const accepted = await page.locator('[data-kind="entity"][data-status="accepted"]').count();
  assert.equal(accepted, mentions, `every mention of ${name}`);

  // Every quote of the article.
  await openTab("quotes");
  await page.locator('[data-testid="accept-all"][data-scope="quotes"]').click();
  assert.match(await progress(), /^4 of 4 quotes reviewed/);
  // One step: one undo brings all of them back.
  await page.getByTestId("undo").click();
  assert.match(await progress(), /^2 of 4 quotes reviewed/);
});

test("boundaries move by keyboard and by dragging a handle", async () => {
  await analyze("Officials said the plan failed and the wall would fall.");
  const q = page.locator('[data-kind="quote"]').first();
  assert.equal(await q.textContent(), "the plan failed and the wall would fall");
  await q.click();
  await page.getByTestId("end-back").click();
  assert.equal(await page.locator('[data-kind="quote"]').first().textContent(), "the plan failed and the wall would");
  // Alt+Shift+Left moves the end, Alt+Right the start, a word at a time.
  await page.keyboard.press("Alt+Shift+ArrowLeft");
  await page.keyboard.press("Alt+ArrowRight");
  assert.equal(await page.locator('[data-kind="quote"]').first().textContent(), "plan failed and the wall");
  assert.equal(await page.locator('[data-kind="quote"]').first().getAttribute("data-status"), "edited");

  // Drag the end handle onto the word "failed".
  const handle = page.getByTestId("handle-end");
  const from = await handle.boundingBox();
  const to = await page.getByTestId("article").evaluate((root) => {
    const text = root.textContent;
    const at = text.indexOf("failed") + "failed".length;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let seen = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (at <= seen + n.data.length) {
        const r = document.createRange();
        r.setStart(n, at - seen - 1);
        r.setEnd(n, at - seen);
        const b = r.getBoundingClientRect();
        return { x: b.right - 1, y: b.top + b.height / 2 };
      }
      seen += n.data.length;
    }
  });
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  assert.equal(await page.locator('[data-kind="quote"]').first().textContent(), "plan failed");
});

test("undo and redo by keys and buttons, for every change, article by article", async () => {
  await analyze(STORY);
  assert.equal(await page.getByTestId("undo").isDisabled(), true);
  await quote("We have waited").click();
  await page.getByTestId("accept").click();
  await selectText("Zorbex Trust owns");
  await page.getByTestId("note-text").fill("who owns it?");
  await page.getByTestId("save-note").click();
  assert.equal(await page.locator('[data-kind="note"]').count(), 1);
  await page.getByTestId("article").click({ position: { x: 2, y: 2 } });
  await page.keyboard.press("Escape");

  await page.keyboard.press("Control+z");
  assert.equal(await page.locator('[data-kind="note"]').count(), 0);
  await page.keyboard.press("Control+z");
  assert.equal(await status("We have waited"), "suggested");
  await page.keyboard.press("Control+Shift+Z");
  assert.equal(await status("We have waited"), "accepted");
  await page.getByTestId("redo").click();
  assert.equal(await page.locator('[data-kind="note"]').count(), 1);
  assert.equal(await page.getByTestId("redo").isDisabled(), true);

  // A second article has a history of its own; the first keeps its own.
  await analyze("A second article, said nobody.");
  assert.equal(await page.getByTestId("undo").isDisabled(), true);
  await page.getByTestId("library-button").click();
  await page.getByTestId("library-item").filter({ hasText: "Harbour vote" }).getByTestId("library-open").click();
  assert.equal(await page.getByTestId("undo").isDisabled(), false);
  await page.getByTestId("undo").click();
  assert.equal(await page.locator('[data-kind="note"]').count(), 0);
});

test("own highlights: a label, a colour of the user's, a note, tags with completion; all occurrences; edit and delete", async () => {
  await analyze(STORY);
  // A highlight labelled with an entity type, with a note and a tag.
  await selectText("the quay");
  await page.getByTestId("label-picker").selectOption({ label: "Place" });
  await page.getByTestId("note-text").fill("which quay?");
  await page.getByTestId("tag-input").fill("check");
  await page.getByTestId("tag-input").press("Enter");
  await page.getByTestId("save-note").click();
  const quay = page.locator('[data-kind="note"]', { hasText: "the quay" });
  assert.match(await quay.getAttribute("class"), /\bent-LOC\b/);

  // A colour the user names, applied by a class from a constructed stylesheet.
  await selectText("staff were not consulted");
  await page.locator(".new-colour summary").click();
  await page.getByTestId("colour-name").fill("Teal");
  await page.getByTestId("colour-value").fill("#1a8c7e");
  await page.getByTestId("add-colour").click();
  await page.getByTestId("label-picker").selectOption({ label: "Teal" });
  // The tag box offers the tags already used.
  const offered = await page.locator("#tag-suggestions option").evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(offered, ["check"]);
  await page.getByTestId("tag-input").fill("check");
  await page.getByTestId("save-note").click();
  const staff = page.locator('[data-kind="note"]', { hasText: "staff were not consulted" });
  assert.match(await staff.getAttribute("class"), /\bc-1a8c7e\b/);
  assert.equal(await staff.evaluate((el) => getComputedStyle(el).backgroundColor), "rgb(26, 140, 126)");
  // Dark on light, white on dark: the ink is chosen for contrast.
  assert.equal(await staff.evaluate((el) => getComputedStyle(el).color), "rgb(255, 255, 255)");
  assert.equal(await page.locator("[style]").count(), 0, "no inline style attributes anywhere");

  // Mark all occurrences of a string.
  await selectText("Zorbex Trust");
  await page.getByTestId("all-occurrences").check();
  await page.getByTestId("save-note").click();
  assert.equal(await page.locator('[data-kind="note"]', { hasText: /^Zorbex Trust$/ }).count(), 2);

  // Listed under My notes with label and tags; edit, then delete.
  await openTab("notes");
  assert.equal(await page.getByTestId("note-item").count(), 4);
  const item = page.getByTestId("note-item").filter({ hasText: "which quay?" });
  assert.match(await item.textContent(), /Place/);
  assert.match(await item.locator(".tag").textContent(), /check/);
  await quay.click();
  assert.equal(await page.getByTestId("tag").count(), 1);
  await page.getByTestId("note-text").fill("the old quay");
  await page.getByTestId("save-note").click();
  await page.reload();
  await openTab("notes");
  assert.equal(await page.getByTestId("note-item").filter({ hasText: "the old quay" }).count(), 1);
  await page.locator('[data-kind="note"]', { hasText: "the quay" }).click();
  await page.getByTestId("delete-note").click();
  assert.equal(await page.locator('[data-kind="note"]', { hasText: "the quay" }).count(), 0);
});

test("side panel: tabs, a search that filters the panel and marks the text, click to jump, a legend", async () => {
  await analyze(STORY);
  const tabs = page.getByRole("tab");
  assert.deepEqual(await tabs.allTextContents(), ["Quotes", "Names", "My notes"]);
  assert.equal(await page.getByTestId("tab-quotes").getAttribute("aria-selected"), "true");

  await page.getByTestId("search").fill("water");
  const matches = page.getByTestId("search-match");
  assert.equal(await matches.count(), 1);
  assert.equal(await matches.textContent(), "water");
  assert.equal(await page.getByTestId("search-count").textContent(), "1 in the text");
  assert.equal(await page.locator(".quote-link").count(), 1, "the panel keeps the matching quote");
  await page.locator(".quote-link").click();
  assert.match(await page.locator('[data-kind="quote"].selected').textContent(), /But the water/);

  await page.getByTestId("search").fill("Zorbex");
  assert.equal(await page.getByTestId("search-match").count(), 2);
  await openTab("names");
  const names = await page.getByTestId("entity-group").evaluateAll((gs) => gs.map((g) => g.dataset.name));
  assert.ok(names.length >= 1 && names.every((n) => /Zorbex/.test(n)), names.join(", "));
  await page.getByTestId("search").fill("");
  assert.equal(await page.getByTestId("search-match").count(), 0);

  await page.getByTestId("legend").locator("summary").click();
  const legend = await page.getByTestId("legend").textContent();
  for (const words of ["direct quote", "indirect", "person name", "your highlight", "cue", "unsure"]) {
    assert.ok(legend.includes(words), words);
  }
});

test("keyboard only: next and previous, accept, reject, change the speaker, open and close the editor, the shortcut help", async () => {
  await analyze(STORY);
  await page.locator("body").focus();
  const selected = () => page.locator(".hl.selected").first();
  await page.keyboard.press("j");
  const first = await selected().textContent();
  await page.keyboard.press("j");
  const second = await selected().textContent();
  assert.notEqual(first, second);
  await page.keyboard.press("k");
  assert.equal(await selected().textContent(), first);
  // Step to the first quote and accept it.
  while ((await selected().getAttribute("data-kind")) !== "quote") await page.keyboard.press("j");
  const q = await selected().textContent();
  await page.keyboard.press("a");
  assert.equal(await status(q), "accepted");
  // Reject the next quote: the selection goes on to the one after.
  while ((await selected().textContent()) === q || (await selected().getAttribute("data-kind")) !== "quote") {
    await page.keyboard.press("j");
  }
  const rejected = await selected().textContent();
  await page.keyboard.press("r");
  assert.equal(await page.locator('[data-kind="quote"]', { hasText: rejected }).count(), 0);
  // Change the speaker of the selected quote, without the mouse.
  while ((await selected().getAttribute("data-kind")) !== "quote") await page.keyboard.press("j");
  const third = await selected().textContent();
  await page.keyboard.press("s");
  assert.equal(await page.evaluate(() => document.activeElement.id), "set-speaker");
  await page.keyboard.press("Control+a");
  await page.keyboard.type("Someone Else");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape"); // leaves the field
  assert.equal(await quote(third).getAttribute("data-speaker"), "Someone Else");
  // e moves into the editor, Escape closes it.
  await page.keyboard.press("e");
  assert.ok(await page.evaluate(() => !!document.activeElement.closest(".editor")));
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  assert.equal(await page.getByTestId("quote-editor").count(), 0);
  // ? shows the shortcuts; Escape closes them.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  assert.match(await help.textContent(), /Accept the selected suggestion/);
  await page.keyboard.press("Escape");
  assert.equal(await help.count(), 0);
});

test("keyboard only: a highlight from a selection made with the search box", async () => {
  await analyze(STORY);
  await page.locator("body").focus();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.testid);
  const tabTo = async (testid) => {
    for (let i = 0; i < 40 && (await focused()) !== testid; i++) await page.keyboard.press("Tab");
    assert.equal(await focused(), testid);
  };
  await page.keyboard.press("/");
  assert.equal(await focused(), "search");
  assert.equal(await page.getByTestId("search").inputValue(), "", "a shortcut's key does not type");
  await page.keyboard.type("zorbex trust");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter"); // the second match
  assert.equal(await page.getByTestId("editor-excerpt").textContent(), "Zorbex Trust");
  await page.keyboard.press("Escape"); // out of the search box
  await page.keyboard.press("e");
  assert.ok(await page.evaluate(() => !!document.activeElement.closest(".editor")));
  await page.keyboard.press("Alt+Shift+ArrowRight"); // one word more: "Zorbex Trust staff"
  await tabTo("note-text");
  await page.keyboard.type("made without a mouse");
  await tabTo("save-note");
  await page.keyboard.press("Enter");
  const made = page.locator('[data-kind="note"]');
  assert.equal(await made.count(), 1);
  assert.equal(await made.textContent(), "Zorbex Trust staff");
  await openTab("notes");
  assert.match(await page.getByTestId("note-item").textContent(), /made without a mouse/);
});

test("the quotes tab lists the most quoted speakers first and the others behind a button", async () => {
  const names = ["Ana Pereira", "Tomas Weller", "Grace Okafor", "Henrik Dahl", "Leila Haddad", "Marco Bianchi",
    "Yuki Tanaka", "Samuel Osei", "Ingrid Larsen", "Pablo Ruiz", "Fatima Noor", "Oliver Grant", "Nadia Petrova",
    "Kwame Mensah", "Lucia Moreno"];
  // The first speaker is quoted twice, the others once each.
  const lines = names.map((n, i) => `\u201cThe council must act on item ${i + 1} this week,\u201d said ${n}, a local resident.`);
  lines.push(`\u201cItem one cannot wait,\u201d said ${names[0]}.`);
  await analyze(lines.join("\n\n"));
  await openTab("quotes");
  const groups = () => page.locator('[data-testid="speaker-group"]').evaluateAll((els) => els.map((e) => e.dataset.speaker));
  const shown = await groups();
  assert.equal(shown.length, 12, "twelve speakers at first");
  assert.equal(shown[0], names[0], "the most quoted speaker first");
  const more = page.getByTestId("show-more-speakers");
  assert.equal(await more.textContent(), "Show 3 more speakers");
  await more.click();
  assert.deepEqual(new Set(await groups()), new Set(names), "every speaker once asked for");
  assert.equal(await more.count(), 0);
});
