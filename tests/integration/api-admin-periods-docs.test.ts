// docs/api-admin-periods.md is tested like docs/api.md: every ```http request in it is sent, in
// document order, to the real route handlers on a freshly seeded database, and the answer must
// have the documented status and JSON (grammar in tests/helpers/api-doc-examples.ts). The
// refusals in it change nothing: checked after each one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerProblems, documentedRoutes, parseExamples, sendExample } from '../helpers/api-doc-examples';
import { useSeededDb } from '../helpers/seeded-db';

const ctx = useSeededDb();
const DOC = 'docs/api-admin-periods.md';
const examples = parseExamples(readFileSync(new URL(`../../${DOC}`, import.meta.url), 'utf8'), DOC);
const tokens = new Map<string, string>();

async function written() {
  const [periods, extensions, audit] = await Promise.all([
    ctx.db.period.findMany({ orderBy: { code: 'asc' } }),
    ctx.db.deadlineExtension.findMany({ orderBy: { id: 'asc' } }),
    ctx.db.auditLog.count({ where: { action: { startsWith: 'period.' } } }),
  ]);
  return { periods, extensions, audit };
}

describe(DOC, () => {
  it('documents every period write, with a success and its refusals', () => {
    const documented = documentedRoutes(examples);
    for (const key of [
      'POST periods/route.ts 200',
      'POST periods/route.ts 400',
      'POST periods/route.ts 403',
      'POST periods/route.ts 409',
      'PATCH periods/[code]/route.ts 200',
      'PATCH periods/[code]/route.ts 400',
      'PATCH periods/[code]/route.ts 404',
      'POST periods/[code]/extensions/route.ts 200',
      'POST periods/[code]/extensions/route.ts 400',
      'GET periods/route.ts 200',
    ]) {
      expect(documented, key).toContain(key);
    }
  });

  for (const example of examples) {
    it(`line ${example.line}: ${example.method} ${example.path} → ${example.status}`, async () => {
      const before = example.status >= 400 ? await written() : null;
      const answer = await sendExample(ctx.db, example, tokens);
      const problems = answerProblems(example, answer);
      expect(problems, `${DOC}:${example.line} drifted from the API`).toEqual([]);
      if (before) expect(await written()).toEqual(before);
    });
  }
});
