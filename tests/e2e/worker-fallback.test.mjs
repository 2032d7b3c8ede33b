// Without module workers (or when the worker's script cannot be had), the page loads the model
// and analyses in the page itself. The offline cache is kept out so the route sees the request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { page, options, analyze, STORY } from "./harness.mjs";

options.serviceWorkers = "block";

test("when the worker cannot start, the page loads the model and analyses itself", async () => {
  await page.context().route(/analysis-worker-[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 404, body: "" }));
  await page.reload();
  await analyze(STORY);
  assert.equal(page.workers().length, 0);
  const quotes = await page.locator('[data-kind="quote"]').evaluateAll((els) => new Set(els.map((e) => e.dataset.id)).size);
  assert.equal(quotes, 4);
  assert.equal(await page.locator('[data-kind="quote"][data-speaker="Clara Osei"]').count(), 2);
  assert.equal(await page.locator('.app[data-model="ready"]').count(), 1);
});
