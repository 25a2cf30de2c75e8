// docs/api.md is tested: every ```http request in it is sent, in document order, to the real
// route handlers on a freshly seeded database, and the answer must have the documented status
// and the documented JSON. An example that drifts from the code fails here.
//
// How an example is written in the document:
//
//   ```http                          the request: "METHOD /path", headers, a blank line, a body
//   PUT /api/v1/provinces/33/reports/2026S2
//   Authorization: Bearer <mã của hungyen@demo.khuyenhoc.vn>     → a fresh token of that account
//   ```
//   Trả về `200 OK`:                  the documented status, before the response block
//   ```json
//   { "version": 1 }                 the documented response
//   ```
//
// Matching the response: objects must have exactly the documented keys, unless one of them is
// "…": "…" (more keys follow); a string "…" matches any value; a string ending in "…" matches
// any string starting with what precedes it; an array ending in "…" may have more elements.
// Non-breaking spaces (which vi-VN formatting puts in "24.000.000 ₫") compare as spaces: they
// look the same to a reader and cannot be typed reliably into the document.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_FIELDS } from '../../lib/reports/fields';
import { apiRoutes, routeFileFor } from '../helpers/api';
import { mismatches, parseExamples, sendExample } from '../helpers/api-doc-examples';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const DOC_PATH = new URL('../../docs/api.md', import.meta.url);
const tokens = new Map<string, string>();

const examples = parseExamples(readFileSync(DOC_PATH, 'utf8'), 'docs/api.md');

// Every API document (docs/api*.md), each tested by its own file: together they document every route.
const DOCS_DIR = new URL('../../docs/', import.meta.url);
const allExamples = readdirSync(DOCS_DIR)
  .filter((name) => /^api.*\.md$/.test(name))
  .flatMap((name) => parseExamples(readFileSync(new URL(name, DOCS_DIR), 'utf8'), `docs/${name}`));

describe('docs/api.md', () => {
  it('has examples, and the API documents one for every method of every route', async () => {
    expect(examples.length).toBeGreaterThan(10);
    const documented = new Set(allExamples.map((e) => `${e.method} ${routeFileFor(new URL(e.path, 'http://x').pathname)}`));
    const missing = (await apiRoutes())
      .filter((r) => !r.catchAll)
      .flatMap((r) => r.methods.map((m) => `${m} ${r.file}`))
      .filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it('shows every report figure in a complete example', () => {
    const saved = examples.find((e) => e.method === 'PUT' && e.status === 200);
    expect(saved, 'a PUT example answered 200').toBeDefined();
    const data = (JSON.parse(saved!.body!) as { data: Record<string, unknown> }).data;
    const valueAt = (path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], data);
    expect(REPORT_FIELDS.filter((f) => valueAt(f.path) === undefined).map((f) => f.path)).toEqual([]);
  });

  // In document order: the examples tell one story on one database.
  for (const example of examples) {
    it(`line ${example.line}: ${example.method} ${example.path} → ${example.status}`, async () => {
      const answer = await sendExample(ctx.db, example, tokens);
      const problems = answer.status === example.status ? mismatches(example.response, answer.body) : [`status: documented ${example.status}, got ${answer.status}: ${JSON.stringify(answer.body)}`];
      expect(problems, `docs/api.md:${example.line} drifted from the API`).toEqual([]);
    });
  }
});
