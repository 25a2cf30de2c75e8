// docs/api-admin-targets.md is tested like docs/api-read.md: every ```http request in it is sent,
// in document order, to the real route handlers on a freshly seeded database, and the answer must
// have the documented status and JSON (grammar in tests/helpers/api-doc-examples.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerProblems, documentedRoutes, parseExamples, sendExample } from '../helpers/api-doc-examples';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const DOC = 'docs/api-admin-targets.md';
const examples = parseExamples(readFileSync(new URL(`../../${DOC}`, import.meta.url), 'utf8'), DOC);
const tokens = new Map<string, string>();

describe(DOC, () => {
  it('documents every route of targets, settings and users, with a success and a refusal for each write', () => {
    const documented = documentedRoutes(examples);
    for (const key of [
      'GET targets/route.ts 200',
      'GET targets/route.ts 400',
      'POST targets/route.ts 200',
      'POST targets/route.ts 400',
      'POST targets/route.ts 403',
      'PATCH targets/[id]/route.ts 200',
      'PATCH targets/[id]/route.ts 400',
      'PATCH targets/[id]/route.ts 404',
      'GET settings/route.ts 200',
      'PATCH settings/route.ts 200',
      'PATCH settings/route.ts 400',
      'POST users/route.ts 200',
      'POST users/route.ts 400',
      'POST users/route.ts 403',
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
