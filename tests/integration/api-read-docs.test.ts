// docs/api-read.md is tested like docs/api.md: every ```http request in it is sent, in document
// order, to the real route handlers on a freshly seeded database, and the answer must have the
// documented status and JSON (grammar in tests/helpers/api-doc-examples.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerProblems, documentedRoutes, parseExamples, sendExample } from '../helpers/api-doc-examples';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const DOC = 'docs/api-read.md';
const examples = parseExamples(readFileSync(new URL(`../../${DOC}`, import.meta.url), 'utf8'), DOC);
const tokens = new Map<string, string>();

describe(DOC, () => {
  it('documents every read route, with a success and a refusal for each summary', () => {
    const documented = documentedRoutes(examples);
    for (const key of [
      'GET periods/route.ts 200',
      'GET clusters/route.ts 200',
      'GET clusters/[code]/summary/route.ts 200',
      'GET clusters/[code]/summary/route.ts 403',
      'GET clusters/[code]/summary/route.ts 400',
      'GET summary/route.ts 200',
      'GET summary/route.ts 403',
    ]) {
      expect(documented, key).toContain(key);
    }
  });

  for (const example of examples) {
    it(`line ${example.line}: ${example.method} ${example.path} → ${example.status}`, async () => {
      const answer = await sendExample(ctx.db, example, tokens);
      const problems = answerProblems(example, answer);
      expect(problems, `${DOC}:${example.line} drifted from the API`).toEqual([]);
    });
  }
});
