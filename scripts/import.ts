// `npm run import -- FILE [--dry-run]`: loads a history file (.xlsx or .csv, one row per
// province and period; template at /nhap-lich-su in the portal) into the database named by the
// environment (DATABASE_URL, else the PGlite folder PGLITE_DIR, by default ./data/pglite),
// after applying pending migrations.
//
// The same code as the portal's import (lib/excel/history-import.ts): the whole file is
// checked first and written in one transaction, or not at all; loading it again changes
// nothing. --dry-run checks and counts without writing. The audit rows record the file name,
// its SHA-256 and source "cli" (no portal user: whoever runs this operates the server).
//
// Exit codes: 0 imported (or checked), 1 refused or failed, 64 usage.
//
// Runs under `node --conditions=react-server` (see package.json) so that the data layer's
// `import 'server-only'` resolves as it does in the server.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { UserFacingError } from '../lib/errors';
import { formatInteger } from '../lib/format';
import { databaseTargetFromEnv, describeTarget } from '../lib/platform/db-env';
import { HistoryImportError, importHistory } from '../lib/excel/history-import';
import { applyMigrations } from '../lib/platform/migrations';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { refuseIfTooLarge } from '../lib/excel/workbook-file';
import { HISTORY_FILE_LIMITS } from '../lib/excel/upload-limits';

const USAGE = 'Cách dùng / Usage: npm run import -- <tệp .xlsx hoặc .csv> [--dry-run]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 64;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 64;
  }
  const file = path.resolve(positionals[0]);
  const size = (await stat(file).catch(() => null))?.size;
  if (size === undefined) {
    console.error(`Không tìm thấy tệp / File not found: ${file}`);
    return 1;
  }
  refuseIfTooLarge(size, HISTORY_FILE_LIMITS); // before reading a huge file into memory
  const bytes = await readFile(file);

  const target = databaseTargetFromEnv();
  await applyMigrations(target);
  const db = createPrismaClient(target);
  try {
    const s = await importHistory(db, null, { name: path.basename(file), bytes }, { dryRun: values['dry-run'], source: 'cli' });
    const counts = `${formatInteger(s.rows)} dòng: tạo mới ${formatInteger(s.created)}, cập nhật ${formatInteger(s.updated)}, không đổi ${formatInteger(s.unchanged)} báo cáo`;
    console.log(
      s.dryRun
        ? `Đã kiểm tra, chưa ghi gì / Checked, nothing written (${describeTarget(target)}). Nếu nhập: ${counts}.`
        : `Đã nhập / Imported (${describeTarget(target)}): ${counts}.`,
    );
    for (const note of s.notes) console.log(`Ghi chú: ${note}`);
    if (s.warnings.length) console.log(`Cảnh báo (${formatInteger(s.warnings.length)}), số liệu vẫn được nhập:`);
    for (const warning of s.warnings) console.log(`  ${warning}`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

// Exit explicitly: an embedded PGlite can keep the event loop alive after disconnecting.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof HistoryImportError) {
      console.error(`${error.message}`);
      for (const issue of error.issues) console.error(`  ${issue}`);
    } else if (error instanceof UserFacingError) console.error(error.message);
    else console.error(`Nhập thất bại / Import failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
