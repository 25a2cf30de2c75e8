// Prisma migrations with the WebAssembly schema engine (see lib/platform/migrations.ts).
//
//   tsx scripts/migrate.ts deploy          apply pending migrations to the target database
//   tsx scripts/migrate.ts create <name>   write a migration for changes in schema.prisma
//   tsx scripts/migrate.ts status          pending/applied migrations and drift
//
// Target: DATABASE_URL (postgres://…) if set, else PGlite in PGLITE_DIR
// (default ./data/pglite).
import path from 'node:path';

import { databaseTargetFromEnv, describeTarget } from '../lib/platform/db-env';
import {
  applyMigrations,
  assertEngineVersion,
  createMigration,
  migrationStatus,
} from '../lib/platform/migrations';

const USAGE = 'Usage: tsx scripts/migrate.ts deploy | create <name> | status';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'deploy' && command !== 'create' && command !== 'status') {
    console.error(USAGE);
    return 64;
  }
  await assertEngineVersion();

  if (command === 'create') {
    const name = rest[0];
    if (!name) {
      console.error('Usage: tsx scripts/migrate.ts create <name>');
      return 64;
    }
    const created = await createMigration(name);
    if (!created) {
      console.log('No changes: prisma/schema.prisma matches the migrations.');
      return 0;
    }
    console.log(`Created ${path.relative(process.cwd(), created.path)}`);
    console.log('Review it (add hand-written SQL such as triggers if needed) before applying it with `npm run db:migrate`.');
    return 0;
  }

  const target = databaseTargetFromEnv();
  const where = describeTarget(target);

  if (command === 'deploy') {
    const started = performance.now();
    const { applied } = await applyMigrations(target);
    const ms = Math.round(performance.now() - started);
    if (applied.length === 0) console.log(`${where}: no pending migrations (${ms} ms).`);
    else console.log(`${where}: applied ${applied.length} migration(s) in ${ms} ms:\n${applied.map((n) => `  ${n}`).join('\n')}`);
    return 0;
  }

  const status = await migrationStatus(target);
  const pending = new Set(status.pending);
  console.log(`${where}: ${status.local.length} migration(s) in prisma/migrations`);
  for (const name of status.local) {
    const state = status.failed.includes(name) ? 'FAILED ' : pending.has(name) ? 'pending' : 'applied';
    const edited = status.edited.includes(name) ? ' (edited after it was applied)' : '';
    console.log(`  ${state}  ${name}${edited}`);
  }
  for (const name of status.unknownApplied) console.log(`  applied  ${name} (not in prisma/migrations)`);
  if (status.schemaDrift === null) {
    console.log(`Drift unknown: the migrations do not build a database to compare with.\n${withoutBacktrace(status.schemaCheckError ?? '')}`);
  } else if (status.schemaDrift) {
    console.log('Drift: prisma/schema.prisma has changes no migration makes. Run `npm run db:migrate:create -- <name>`.');
  } else {
    console.log('No drift: prisma/schema.prisma matches the migrations.');
  }
  const problems =
    status.failed.length + status.edited.length + status.unknownApplied.length + (status.schemaDrift === false ? 0 : 1);
  // Like `prisma migrate status`: non-zero when the database is not up to date.
  return problems > 0 || status.pending.length > 0 ? 1 : 0;
}

/** The engine appends its Rust span trace ("0: sql_schema_connector::…"); users need the message. */
function withoutBacktrace(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^\s+(\d+: \S+::|at \S+\.rs:\d+|with \w+=)/.test(line))
    .join('\n')
    .trim();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(withoutBacktrace(error instanceof Error ? error.message : String(error)));
    // The in-memory PGlite shadow would otherwise keep the process alive.
    process.exit(1);
  },
);
