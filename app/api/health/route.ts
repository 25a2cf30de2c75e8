import { dbQueriesSent, getDb } from '@/lib/platform/db';
import { checkHealth } from '@/lib/platform/health';

// For load balancers and monitoring: no sign-in, nothing private in the answer.
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  let result: Awaited<ReturnType<typeof checkHealth>>;
  try {
    result = await checkHealth(getDb());
  } catch {
    // getDb() itself failed (e.g. a bad DATABASE_URL): the database is not usable.
    result = { httpStatus: 503, body: { status: 'error', database: 'error', migrations: 'unknown' } };
  }
  // Only with COUNT_DB_QUERIES=true (npm run bench): the statements sent so far, this check's included.
  const queries = dbQueriesSent();
  return Response.json(queries === null ? result.body : { ...result.body, queries }, {
    status: result.httpStatus,
    headers: { 'Cache-Control': 'no-store' },
  });
}
