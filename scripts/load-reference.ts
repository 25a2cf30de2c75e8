// `npm run reference:load`: applies pending migrations, then loads the shipped list of provinces
// (prisma/reference/provinces.json) into the database named by the environment (DATABASE_URL,
// else the PGlite folder PGLITE_DIR, by default ./data/pglite). Creates only the rows that are
// missing: rows already there, with any correction an administrator made, are left as they are,
// so running it again changes nothing.
import { databaseTargetFromEnv, describeTarget } from '../lib/platform/db-env';
import { applyMigrations } from '../lib/platform/migrations';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { loadReferenceData } from '../lib/reference/load-reference-data';
import { PROVINCE_REFERENCE } from '../lib/reference/province-data';

async function main(): Promise<void> {
  const target = databaseTargetFromEnv();
  // Migrations open their own connection; with PGlite only one may hold the folder, so they run
  // (and release it) before the loading client connects.
  await applyMigrations(target);
  const db = createPrismaClient(target);
  try {
    const { created, linked, kept } = await loadReferenceData(db);
    console.log(
      created > 0
        ? `Đã nạp ${created} tỉnh, thành phố từ dữ liệu tham chiếu ${PROVINCE_REFERENCE.version} (${linked} có tỉnh kế thừa); ` +
            `${kept} đã có, giữ nguyên (${describeTarget(target)}).`
        : `Dữ liệu tham chiếu đã có đủ ${kept} tỉnh, thành phố, không thay đổi (${describeTarget(target)}).`,
    );
  } finally {
    await db.$disconnect();
  }
}

// Exit explicitly: an embedded PGlite can keep the event loop alive after disconnecting.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Nạp dữ liệu tham chiếu thất bại: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
