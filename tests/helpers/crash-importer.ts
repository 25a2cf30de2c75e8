// A child process for tests/integration/crash.test.ts: imports a history file of 96 reports
// (8 provinces × 12 periods before the portal, 2015–2020) through importHistory, in one
// transaction, and is killed during it.
//
//   node --conditions=react-server --import tsx tests/helpers/crash-importer.ts <pause-at>
//
// Database: DATABASE_URL or PGLITE_DIR, as the app. Lines on stdout:
//   ready                 the periods exist and the file is built; the import starts
//   in-tx                 inside the import's transaction, after a chunk of audit rows (its last
//                         writes), before COMMIT; at the <pause-at>-th such line (0: never) it
//                         stops there for good, so the test can kill it inside the transaction
//   imported <created>    after the transaction committed
import { pathToFileURL } from 'node:url';

import ExcelJS from 'exceljs';

import type { PrismaClient } from '../../lib/generated/prisma/client';
import { parseDatabaseTarget } from '../../lib/platform/env';
import { historyHeadings, importHistory } from '../../lib/excel/history-import';
import { createPrismaClient } from '../../lib/platform/prisma-factory';
import { REPORT_FIELDS } from '../../lib/reports/fields';
import { periodRow } from '../../prisma/demo-data';

export const CRASH_IMPORT_PROVINCES = ['01', '26', '27', '33', '34', '35', '36', '37'];
export const CRASH_IMPORT_PERIODS = Array.from({ length: 12 }, (_, i) => `${2015 + Math.floor(i / 2)}S${(i % 2) + 1}`);

async function historyFile(): Promise<Buffer> {
  const headings = historyHeadings();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Số liệu');
  sheet.addRow(headings);
  let n = 0;
  for (const period of CRASH_IMPORT_PERIODS) {
    for (const province of CRASH_IMPORT_PROVINCES) {
      n++;
      const values: Record<string, string | number | null> = { 'Mã tỉnh': province, 'Mã kỳ báo cáo': period };
      for (const f of REPORT_FIELDS) values[f.label] = f.kind === 'text' ? `Báo cáo ${province} ${period}` : 0;
      // Every rule holds: registered ≤ total, recognised ≤ registered, the fund balances (all zero).
      values[REPORT_FIELDS.find((f) => f.path === 'models.FAMILY.total')!.label] = 1000 + n;
      values[REPORT_FIELDS.find((f) => f.path === 'models.FAMILY.registered')!.label] = 900 + n;
      values[REPORT_FIELDS.find((f) => f.path === 'models.FAMILY.recognised')!.label] = 800 + n;
      sheet.addRow(headings.map((h) => values[h] ?? null));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  const pauseAt = Number(process.argv[2] ?? '0');
  const base = createPrismaClient(parseDatabaseTarget());
  for (const code of CRASH_IMPORT_PERIODS) await base.period.upsert({ where: { code }, update: {}, create: periodRow(code, true) });
  let inTx = 0;
  // Test-only hook: the audit rows are the import's last writes (lib/reports/report-writes.ts).
  const db = base.$extends({
    query: {
      auditLog: {
        async createMany({ args, query }) {
          const result = await query(args);
          process.stdout.write('in-tx\n');
          if (++inTx === pauseAt) await new Promise(() => {}); // until killed
          return result;
        },
      },
    },
  }) as unknown as PrismaClient;
  const bytes = await historyFile();
  process.stdout.write('ready\n');
  const summary = await importHistory(db, null, { name: 'lich-su-2015-2020.xlsx', bytes }, { source: 'cli' });
  process.stdout.write(`imported ${summary.created}\n`);
  await base.$disconnect();
  process.exit(0);
}

// Only as a command: the test imports the constants above.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
