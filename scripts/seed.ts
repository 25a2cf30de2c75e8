// `npm run db:seed`: applies pending migrations, then loads the Cluster III demo data into the
// database named by the environment (DATABASE_URL, else the PGlite folder PGLITE_DIR, by default
// ./data/pglite). Does nothing if the demo data is already there.
import { databaseTargetFromEnv, describeTarget } from '../lib/platform/db-env';
import { applyMigrations } from '../lib/platform/migrations';
import { createPrismaClient } from '../lib/platform/prisma-factory';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../prisma/demo-data';
import { seedDemo } from '../prisma/seed';

async function main(): Promise<void> {
  const started = performance.now();
  const target = databaseTargetFromEnv();
  // Migrations open their own connection; with PGlite only one may hold the folder, so they run
  // (and release it) before the seeding client connects.
  const { applied } = await applyMigrations(target);
  const db = createPrismaClient(target);
  try {
    const { created } = await seedDemo(db);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const migrated = applied.length ? `, ${applied.length} migration(s) applied` : '';
    console.log(
      created
        ? `Đã nạp dữ liệu mẫu Cụm III / Demo data seeded (${describeTarget(target)}${migrated}, ${seconds}s): ` +
            `${DEMO_ACCOUNTS.length} tài khoản, mật khẩu "${DEMO_PASSWORD}".`
        : `Dữ liệu mẫu đã có, không thay đổi / Demo data already present, nothing changed (${describeTarget(target)}${migrated}).`,
    );
  } finally {
    await db.$disconnect();
  }
}

// Exit explicitly: an embedded PGlite can keep the event loop alive after disconnecting.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Nạp dữ liệu mẫu thất bại / Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
