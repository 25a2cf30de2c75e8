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
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_FIELDS } from '../../lib/report-fields';
import { apiRoutes, callApi, routeFileFor, tokenFor, type ApiAnswer, type Method } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const DOC_PATH = new URL('../../docs/api.md', import.meta.url);
const ELLIPSIS = '…';

type Example = {
  line: number;
  method: Method;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  response: unknown;
};

function parseExamples(markdown: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  const fence = (from: number, lang: string) => {
    const start = lines.findIndex((l, i) => i >= from && l.trim() === '```' + lang);
    if (start < 0) return null;
    const end = lines.findIndex((l, i) => i > start && l.trim() === '```');
    if (end < 0) throw new Error(`docs/api.md:${start + 1}: unclosed code block`);
    return { start, end, text: lines.slice(start + 1, end).join('\n') };
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```http') continue;
    const request = fence(i, 'http')!;
    const where = `docs/api.md:${request.start + 1}`;
    const [head, ...rest] = request.text.split('\n');
    const m = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(head.trim());
    if (!m) throw new Error(`${where}: the first line must be "METHOD /path", not "${head}"`);
    const blank = rest.findIndex((l) => l.trim() === '');
    const headerLines = blank < 0 ? rest : rest.slice(0, blank);
    const headers = Object.fromEntries(
      headerLines.map((l) => {
        const h = /^([\w-]+):\s*(.*)$/.exec(l);
        if (!h) throw new Error(`${where}: not a header: "${l}"`);
        return [h[1], h[2]];
      }),
    );
    const bodyText = blank < 0 ? '' : rest.slice(blank + 1).join('\n').trim();

    const response = fence(request.end + 1, 'json');
    const nextRequest = lines.findIndex((l, j) => j > request.end && l.trim() === '```http');
    if (!response || (nextRequest >= 0 && response.start > nextRequest)) throw new Error(`${where}: no \`\`\`json response follows this request`);
    const between = lines.slice(request.end + 1, response.start).join('\n');
    const status = /Trả về `(\d{3})[^`]*`/.exec(between);
    if (!status) throw new Error(`${where}: write the status before the response, e.g. "Trả về \`200 OK\`:"`);
    examples.push({
      line: request.start + 1,
      method: m[1] as Method,
      path: m[2],
      headers,
      body: bodyText || undefined,
      status: Number(status[1]),
      response: JSON.parse(response.text),
    });
    i = response.end;
  }
  return examples;
}

const visible = (v: unknown) => (typeof v === 'string' ? v.replace(/[\u00A0\u202F]/g, ' ') : v);

/** Where `actual` departs from the documented value, as "path: why" lines (none: it matches). */
function mismatches(doc: unknown, rawActual: unknown, at = '$'): string[] {
  const actual = visible(rawActual);
  if (doc === ELLIPSIS) return [];
  if (typeof doc === 'string' && doc.endsWith(ELLIPSIS)) {
    const prefix = doc.slice(0, -ELLIPSIS.length);
    return typeof actual === 'string' && actual.startsWith(prefix) ? [] : [`${at}: expected a string starting with ${JSON.stringify(prefix)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(doc)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array, got ${JSON.stringify(actual)}`];
    const open = doc.length > 0 && doc[doc.length - 1] === ELLIPSIS;
    const items = open ? doc.slice(0, -1) : doc;
    if (open ? actual.length < items.length : actual.length !== items.length) {
      return [`${at}: expected ${open ? 'at least ' : ''}${items.length} elements, got ${actual.length}: ${JSON.stringify(actual)}`];
    }
    return items.flatMap((d, i) => mismatches(d, actual[i], `${at}[${i}]`));
  }
  if (doc !== null && typeof doc === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${at}: expected an object, got ${JSON.stringify(actual)}`];
    const documented = doc as Record<string, unknown>;
    const open = documented[ELLIPSIS] === ELLIPSIS;
    const keys = Object.keys(documented).filter((k) => k !== ELLIPSIS);
    const out = keys.flatMap((k) =>
      k in actual ? mismatches(documented[k], (actual as Record<string, unknown>)[k], `${at}.${k}`) : [`${at}.${k}: documented but missing`],
    );
    if (!open) for (const k of Object.keys(actual)) if (!(k in documented)) out.push(`${at}.${k}: returned but not documented (${JSON.stringify((actual as Record<string, unknown>)[k])})`);
    return out;
  }
  return Object.is(doc, actual) ? [] : [`${at}: documented ${JSON.stringify(doc)}, got ${JSON.stringify(actual)}`];
}

const TOKEN_PLACEHOLDER = /<mã của ([^>\s]+@[^>\s]+)>/g;
const tokens = new Map<string, string>();

async function send(example: Example): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(example.headers)) {
    let resolved = value;
    for (const [placeholder, email] of value.matchAll(TOKEN_PLACEHOLDER)) {
      if (!tokens.has(email)) tokens.set(email, await tokenFor(ctx.db, email, 'Tài liệu API'));
      resolved = resolved.replace(placeholder, tokens.get(email)!);
    }
    headers[name] = resolved;
  }
  return callApi(ctx.db, { method: example.method, path: example.path, headers, body: example.body });
}

const examples = parseExamples(readFileSync(DOC_PATH, 'utf8'));

describe('docs/api.md', () => {
  it('has examples, and one for every method of every route', async () => {
    expect(examples.length).toBeGreaterThan(10);
    const documented = new Set(examples.map((e) => `${e.method} ${routeFileFor(new URL(e.path, 'http://x').pathname)}`));
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
      const answer = await send(example);
      const problems = answer.status === example.status ? mismatches(example.response, answer.body) : [`status: documented ${example.status}, got ${answer.status}: ${JSON.stringify(answer.body)}`];
      expect(problems, `docs/api.md:${example.line} drifted from the API`).toEqual([]);
    });
  }
});
