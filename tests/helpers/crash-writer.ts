// A child process for tests/integration/crash.test.ts: saves large drafts of
// one report through saveReportDraft, in a loop, until it is killed.
//
//   node --conditions=react-server --import tsx tests/helpers/crash-writer.ts <province> <email> <pause-at>
//
// Database: DATABASE_URL or PGLITE_DIR, as the app. Lines on stdout:
//   attempt <version> <hash>   before a save (the version it will produce, the data's hash)
//   in-tx <version>            inside the transaction, after an audit write (the last write of a
//                              save), before COMMIT; at the <pause-at>-th such line (0: never) it
//                              stops there for good, so the test can kill it inside the transaction
//   saved <version> <hash>     after the save committed
// (stdout to a pipe is synchronous on Linux: a line is out before the next step runs.)
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';

import type { SessionUser } from '../../lib/permissions';
import type { PrismaClient } from '../../lib/generated/prisma/client';
import { parseDatabaseTarget } from '../../lib/platform/env';
import { createPrismaClient } from '../../lib/platform/prisma-factory';
import { getReportView, saveReportDraft } from '../../lib/reports/store';
import { REPORT_FIELDS } from '../../lib/reports/fields';
import { ReportDataSchema, reportDataToJson, unflattenReportInput, type ReportData } from '../../lib/reports/data';
import { TEST_NOW } from './api';

const [provinceCode = '33', email = 'hungyen@demo.khuyenhoc.vn', pauseArg = '0'] = process.argv.slice(2);
const PERIOD = '2026S2';
const pauseAt = Number(pauseArg);

/** Same data, same hash: what the test compares with the stored report. */
export function reportHash(data: ReportData): string {
  return createHash('sha256').update(JSON.stringify(reportDataToJson(data))).digest('hex').slice(0, 16);
}

/** Every figure filled and every narrative near its 10 000-character limit, different each time. */
function largeDraft(seed: number): ReportData {
  const flat: Record<string, unknown> = {};
  let n = seed * 7919;
  const next = (max: number) => (n = (n * 48271 + 11) % 2147483647) % max;
  for (const field of REPORT_FIELDS) {
    if (field.kind === 'text') flat[field.path] = `Lần lưu ${seed}. `.padEnd(9_500, 'Phong trào khuyến học, khuyến tài. ');
    else if (field.kind === 'amount') flat[field.path] = next(1_000_000_000) * 1000;
    else flat[field.path] = next(100_000);
  }
  return ReportDataSchema.parse(unflattenReportInput(flat));
}

async function main(): Promise<void> {
  const base = createPrismaClient(parseDatabaseTarget());
  let pending = 0;
  let inTx = 0;
  // Test-only hook: the audit rows are the last write of a save (lib/reports/report-writes.ts).
  const db = base.$extends({
    query: {
      auditLog: {
        async createMany({ args, query }) {
          const result = await query(args);
          process.stdout.write(`in-tx ${pending}\n`);
          if (++inTx === pauseAt) await new Promise(() => {}); // until killed
          return result;
        },
      },
    },
  }) as unknown as PrismaClient;

  const user: SessionUser = await base.user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, role: true, provinceId: true, clusterId: true },
  });
  const ref = { provinceCode, periodCode: PERIOD };
  let version = (await getReportView(base, user, ref, TEST_NOW)).report?.version ?? 0;
  for (let i = 1; ; i++) {
    const data = largeDraft(version * 1000 + i);
    const hash = reportHash(data);
    pending = version + 1;
    process.stdout.write(`attempt ${pending} ${hash}\n`);
    ({ version } = await saveReportDraft(db, user, { ...ref, version, data }, TEST_NOW));
    process.stdout.write(`saved ${version} ${hash}\n`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
