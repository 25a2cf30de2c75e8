// Tested API documentation: the examples of a Markdown document (```http request, "Trả về `200 OK`:",
// ```json response) parsed and sent to the real route handlers, and their answers matched against
// the documented JSON. The grammar is that of docs/api.md (see tests/integration/api-docs.test.ts):
// objects have exactly the documented keys unless one is "…": "…"; a string "…" matches anything;
// a string ending in "…" matches by prefix; an array ending in "…" may have more elements.
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { callApi, routeFileFor, tokenFor, type ApiAnswer, type Method } from './api';

const ELLIPSIS = '…';

export type Example = {
  line: number;
  method: Method;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  response: unknown;
};

export function parseExamples(markdown: string, docName: string): Example[] {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  const fence = (from: number, lang: string) => {
    const start = lines.findIndex((l, i) => i >= from && l.trim() === '```' + lang);
    if (start < 0) return null;
    const end = lines.findIndex((l, i) => i > start && l.trim() === '```');
    if (end < 0) throw new Error(`${docName}:${start + 1}: unclosed code block`);
    return { start, end, text: lines.slice(start + 1, end).join('\n') };
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```http') continue;
    const request = fence(i, 'http')!;
    const where = `${docName}:${request.start + 1}`;
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
export function mismatches(doc: unknown, rawActual: unknown, at = '$'): string[] {
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

/** Sends a documented request, each "<mã của email>" replaced by a token of that account (one per account and `tokens` map). */
export async function sendExample(db: PrismaClient, example: Example, tokens: Map<string, string>): Promise<ApiAnswer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(example.headers)) {
    let resolved = value;
    for (const [placeholder, email] of value.matchAll(TOKEN_PLACEHOLDER)) {
      if (!tokens.has(email)) tokens.set(email, await tokenFor(db, email, 'Tài liệu API'));
      resolved = resolved.replace(placeholder, tokens.get(email)!);
    }
    headers[name] = resolved;
  }
  return callApi(db, { method: example.method, path: example.path, headers, body: example.body });
}


/** "METHOD route-file status" of every example, to check that a document covers the routes it must. */
export function documentedRoutes(examples: readonly Example[], pathOf: (path: string) => string = (path) => path): Set<string> {
  return new Set(examples.map((e) => `${e.method} ${routeFileFor(new URL(pathOf(e.path), 'http://x').pathname)} ${e.status}`));
}

/** Where an answer drifted from its example: a wrong status, or the documented JSON not matched. */
export function answerProblems(example: Example, answer: ApiAnswer, documented: unknown = example.response): string[] {
  return answer.status === example.status
    ? mismatches(documented, answer.body)
    : [`status: documented ${example.status}, got ${answer.status}: ${JSON.stringify(answer.body)}`];
}
