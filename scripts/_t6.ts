import { createTestDb } from '../tests/helpers/test-db';
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  const d = await createTestDb();
  const t1 = performance.now();
  await d.db.cluster.count();
  const t2 = performance.now();
  await d.close();
  console.log(`create ${Math.round(t1 - t)} ms, first query ${Math.round(t2 - t1)} ms, close ${Math.round(performance.now() - t2)} ms`);
}
process.exit(0);
