// docs/api-admin-reference.md is tested like docs/api-read.md: every ```http request in it is sent,
// in document order, to the real route handlers on a freshly seeded database, and the answer must
// have the documented status and JSON (grammar in tests/helpers/api-doc-examples.ts). One addition:
// a row's id is not known in advance, so a documented "<id-…>" string in an answer takes the value
// returned there (and matches it), and a later request naming "<id-…>" sends that value.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerProblems, documentedRoutes, parseExamples, sendExample, type Example } from '../helpers/api-doc-examples';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const DOC = 'docs/api-admin-reference.md';
const examples = parseExamples(readFileSync(new URL(`../../${DOC}`, import.meta.url), 'utf8'), DOC);
const tokens = new Map<string, string>();
const ids = new Map<string, string>();

const PLACEHOLDER = /<id-[a-z0-9-]+>/g;

/** The request with each "<id-…>" an earlier answer gave replaced by its value. */
function withIds(example: Example): Example {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (name) => {
      const value = ids.get(name);
      if (value === undefined) throw new Error(`${DOC}:${example.line}: ${name} is used before an answer gives it`);
      return value;
    });
  return { ...example, path: fill(example.path), body: example.body && fill(example.body) };
}

/**
 * The documented answer with its "<id-…>" strings resolved against the actual one: a name seen
 * before must have the same value again; a new name takes the value found at its place.
 */
function bindIds(documented: unknown, actual: unknown): unknown {
  if (typeof documented === 'string' && /^<id-[a-z0-9-]+>$/.test(documented)) {
    if (!ids.has(documented) && typeof actual === 'string') ids.set(documented, actual);
    return ids.get(documented) ?? documented;
  }
  if (Array.isArray(documented)) return documented.map((d, i) => bindIds(d, Array.isArray(actual) ? actual[i] : undefined));
  if (documented !== null && typeof documented === 'object') {
    const a = (actual ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(documented).map(([k, d]) => [k, bindIds(d, typeof a === 'object' ? a[k] : undefined)]));
  }
  return documented;
}

describe(DOC, () => {
  it('documents every administration route, with a success and a refusal for each write', () => {
    const documented = documentedRoutes(examples, (path) => path.replace(PLACEHOLDER, 'x'));
    for (const key of [
      'GET provinces/route.ts 200',
      'GET provinces/route.ts 400',
      'PATCH provinces/[code]/route.ts 200',
      'PATCH provinces/[code]/route.ts 400',
      'PATCH provinces/[code]/route.ts 403',
      'PATCH provinces/[code]/route.ts 409',
      'POST clusters/route.ts 200',
      'POST clusters/route.ts 400',
      'POST clusters/route.ts 403',
      'POST clusters/route.ts 409',
      'GET clusters/[code]/route.ts 200',
      'GET clusters/[code]/route.ts 403',
      'PATCH clusters/[code]/route.ts 200',
      'POST clusters/[code]/memberships/route.ts 200',
      'POST clusters/[code]/memberships/route.ts 400',
      'POST clusters/[code]/memberships/route.ts 409',
      'PATCH clusters/[code]/memberships/[id]/route.ts 200',
      'PATCH clusters/[code]/memberships/[id]/route.ts 409',
      'DELETE clusters/[code]/memberships/[id]/route.ts 200',
      'DELETE clusters/[code]/memberships/[id]/route.ts 400',
      'POST clusters/[code]/leader-terms/route.ts 200',
      'POST clusters/[code]/leader-terms/route.ts 400',
      'POST clusters/[code]/leader-terms/route.ts 409',
      'PATCH clusters/[code]/leader-terms/[id]/route.ts 200',
      'DELETE clusters/[code]/leader-terms/[id]/route.ts 200',
    ]) {
      expect(documented, key).toContain(key);
    }
  });

  for (const example of examples) {
    it(`line ${example.line}: ${example.method} ${example.path} → ${example.status}`, async () => {
      const answer = await sendExample(ctx.db, withIds(example), tokens);
      const problems = answerProblems(example, answer, bindIds(example.response, answer.body));
      expect(problems, `${DOC}:${example.line} drifted from the API`).toEqual([]);
    });
  }
});
