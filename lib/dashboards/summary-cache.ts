import 'server-only';
import type { Db } from '../platform/db';
import { latestReportedPeriodCode, listPeriods } from '../reference/clusters';
import { readClusterByCode } from '../reference/reference-data';
import { getClusterSpanSummary, getClusterSummary } from './cluster-summary';
import { getNationalSummary } from './national-summary';
import { getClusterTrend } from './trend';

// Summaries computed once per version of the data, and shared by every request of this process
// until the data changes. A summary costs eight queries and a few milliseconds of arithmetic at
// national scale; a meeting room opening the dashboard at once asks for the same one fifty times.
//
// The version is read by ONE cheap query before every use, so a write made by any instance is
// seen by the next request of every instance, with no message between them:
//   - the newest audit row: every write of the figures or of the reference data they depend on
//     (reports and their status, provinces, clusters, memberships, leader terms, periods,
//     extensions, targets) writes its audit row in its own transaction (lib/platform/audit.ts),
//     so a committed write moves max("AuditLog".id);
//   - on PostgreSQL, how many audit rows there are among the last AUDIT_WINDOW ids: ids are handed
//     out when a row is inserted, not when its transaction commits, so a slow transaction can
//     commit an id below one already committed. The newest id does not move then, but this count
//     does. (The embedded PGlite runs one transaction at a time: there the newest id is enough.)
//   - how many deadlines (periods' and extensions') have passed: the one thing a summary reads
//     from the clock (who is overdue), so a deadline passing is a new version too, to the
//     millisecond. The deadlines themselves are read again only when the audit log moves.
// An audit id more than AUDIT_WINDOW below the newest when its transaction commits would go
// unseen: that needs AUDIT_WINDOW audit rows of other transactions between a transaction's last
// audit row (written last, just before COMMIT: lib/reports/report-writes.ts) and its commit.
// MAX_AGE_MS bounds even that.
//
// Writes made without an audit row (the demo seed, the bench's data set, a test's fixtures) are
// made before the server starts, or must not count on this cache.
//
// Results are shared between requests, so they are frozen: a caller that wants to change one
// copies it first (pages and the JSON of the API only read them).

/** See above: how far below the newest audit id a commit is still seen. */
export const AUDIT_WINDOW = 1_000;
/** Summaries kept per database client (least recently used go first); a few kB each at national scale. */
const MAX_ENTRIES = 300;
/** No entry is used longer than this, whatever the version says. */
const MAX_AGE_MS = 60_000;

/** The version of the data a summary depends on, as of `now`: compared whole, never parsed by callers. */
export type DataVersion = { key: string; now: Date };

type Entry = { version: string; at: number; value: Promise<unknown> };

// On globalThis, as the database client is (lib/platform/db.ts): the pages and the API routes
// are separate bundles and must share one cache; one map per client, so tests' databases and the
// bench's counting clients never share entries.
const store = globalThis as typeof globalThis & { __khuyenhocSummaryCache?: WeakMap<object, Map<string, Entry>> };

function entriesOf(db: Db): Map<string, Entry> {
  store.__khuyenhocSummaryCache ??= new WeakMap();
  let entries = store.__khuyenhocSummaryCache.get(db);
  if (!entries) store.__khuyenhocSummaryCache.set(db, (entries = new Map()));
  return entries;
}

/**
 * Every deadline (periods' and extensions'), in time order, per data version of the audit log:
 * deadlines change only by audited writes, so they are read again only after one.
 */
const deadlinesStore = globalThis as typeof globalThis & { __khuyenhocDeadlines?: WeakMap<object, { audit: string; deadlines: Promise<number[]> }> };

function deadlinesAt(db: Db, audit: string): Promise<number[]> {
  deadlinesStore.__khuyenhocDeadlines ??= new WeakMap();
  const found = deadlinesStore.__khuyenhocDeadlines.get(db);
  if (found?.audit === audit) return found.deadlines;
  const deadlines = db
    .$queryRaw<Array<{ at: Date }>>`SELECT deadline AS at FROM "Period" UNION ALL SELECT deadline FROM "DeadlineExtension"`
    .then((rows) => rows.map((r) => r.at.getTime()).sort((x, y) => x - y));
  deadlinesStore.__khuyenhocDeadlines.set(db, { audit, deadlines });
  deadlines.catch(() => deadlinesStore.__khuyenhocDeadlines?.delete(db));
  return deadlines;
}

/**
 * Whether the database commits transactions one after another (the embedded PGlite: one
 * connection, and a transaction holds it until it ends), so that no id can commit after a higher
 * one and the newest id alone is the version. Asked once per client.
 */
const serialStore = globalThis as typeof globalThis & { __khuyenhocSerialCommits?: WeakMap<object, Promise<boolean>> };

function commitsOneAtATime(db: Db): Promise<boolean> {
  serialStore.__khuyenhocSerialCommits ??= new WeakMap();
  let serial = serialStore.__khuyenhocSerialCommits.get(db);
  if (!serial) {
    serial = db.$queryRaw<Array<{ pglite: boolean }>>`SELECT version() LIKE '%PGlite%' AS pglite`.then(([row]) => row.pglite);
    serialStore.__khuyenhocSerialCommits.set(db, serial);
    serial.catch(() => serialStore.__khuyenhocSerialCommits?.delete(db));
  }
  return serial;
}

/**
 * The data version as of `now`: one statement on the audit log (the newest id, an index lookup;
 * on PostgreSQL also a count over at most AUDIT_WINDOW index entries), and the deadlines passed
 * by `now`, counted in memory from the deadlines of that audit version (read once per version).
 */
export async function readDataVersion(db: Db, now: Date = new Date()): Promise<DataVersion> {
  const [row] = (await commitsOneAtATime(db))
    ? await db.$queryRaw<Array<{ audit: string; recent: number }>>`SELECT COALESCE(MAX(id), 0)::text AS audit, 0 AS recent FROM "AuditLog"`
    : await db.$queryRaw<Array<{ audit: string; recent: number }>>`
        WITH newest AS (SELECT COALESCE(MAX(id), 0) AS id FROM "AuditLog")
        SELECT newest.id::text AS audit, (SELECT COUNT(*) FROM "AuditLog" a WHERE a.id > newest.id - ${AUDIT_WINDOW})::int AS recent
        FROM newest`;
  const audit = `${row.audit}:${row.recent}`;
  const deadlines = await deadlinesAt(db, audit);
  const passed = deadlines.filter((at) => at < now.getTime()).length;
  return { key: `${audit}:${passed}`, now };
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value) || value instanceof Date) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/**
 * Which version of the data a cached read is for: `version`, read once by the caller for the
 * several reads of one request (a page's cluster, periods, summary and trend; the API's cluster
 * and summary); else the version as of `now` (default: this instant), read for this read alone.
 * Read again by every request, never kept longer: a request sees every write committed before it.
 */
export type ReadAt = { version?: DataVersion; now?: Date };

function versionFor(db: Db, at: ReadAt): Promise<DataVersion> {
  return at.version ? Promise.resolve(at.version) : readDataVersion(db, at.now);
}

/**
 * `compute(version.now)` for this version of the data, computed once per key and version in this
 * process; concurrent callers of a key being computed wait for the same computation. A failed
 * computation is not kept.
 */
async function cachedByVersion<R>(db: Db, key: string, at: ReadAt, compute: (now: Date) => Promise<R>): Promise<R> {
  const version = await versionFor(db, at);
  const entries = entriesOf(db);
  const found = entries.get(key);
  if (found && found.version === version.key && Date.now() - found.at < MAX_AGE_MS) {
    entries.delete(key); // most recently used last
    entries.set(key, found);
    return found.value as Promise<R>;
  }
  const value = compute(version.now).then(deepFreeze);
  const entry: Entry = { version: version.key, at: Date.now(), value };
  entries.delete(key);
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return value;
}

type ClusterArgs = Parameters<typeof getClusterSummary>[1];
type SpanArgs = Parameters<typeof getClusterSpanSummary>[1];
type NationalArgs = Parameters<typeof getNationalSummary>[1];
type TrendArgs = Parameters<typeof getClusterTrend>[1];

/** getClusterSummary, once per data version. */
export function getCachedClusterSummary(db: Db, { now, version, ...args }: ClusterArgs & ReadAt) {
  const key = JSON.stringify(['cluster', args.clusterCode, args.periodCode, args.approvedOnly ?? false, args.view ?? 'reported']);
  return cachedByVersion(db, key, { now, version }, (at) => getClusterSummary(db, { ...args, now: at }));
}

/** getClusterSpanSummary (a year), once per data version. */
export function getCachedClusterSpanSummary(db: Db, { now, version, ...args }: SpanArgs & ReadAt) {
  const key = JSON.stringify(['span', args.clusterCode, args.from, args.to, args.approvedOnly ?? false, args.view ?? 'reported']);
  return cachedByVersion(db, key, { now, version }, (at) => getClusterSpanSummary(db, { ...args, now: at }));
}

/** getNationalSummary, once per data version. */
export function getCachedNationalSummary(db: Db, { now, version, ...args }: NationalArgs & ReadAt) {
  const key = JSON.stringify(['national', args.periodCode, args.approvedOnly ?? false]);
  return cachedByVersion(db, key, { now, version }, (at) => getNationalSummary(db, { ...args, now: at }));
}

/** getClusterTrend (which reads no clock), once per data version. */
export function getCachedClusterTrend(db: Db, { now, version, ...args }: TrendArgs & ReadAt) {
  const key = JSON.stringify(['trend', args.clusterCode, args.fromPeriod ?? null, args.toPeriod ?? null, args.approvedOnly ?? false]);
  return cachedByVersion(db, key, { now, version }, () => getClusterTrend(db, args));
}

/** A cluster by its code (what every cluster page and the summary API look up first), once per data version. */
export function findCachedClusterByCode(db: Db, code: string, at: ReadAt = {}) {
  return cachedByVersion(db, JSON.stringify(['clusterByCode', code]), at, () => readClusterByCode(db, code));
}

/** Every period, newest first, once per data version. */
export function listCachedPeriods(db: Db, at: ReadAt = {}) {
  return cachedByVersion(db, JSON.stringify(['periods']), at, () => listPeriods(db));
}

/** The latest period with a report of one of the cluster's members (the dashboard's default period), once per data version. */
export function cachedLatestReportedPeriodCode(db: Db, clusterId: string, at: ReadAt = {}) {
  return cachedByVersion(db, JSON.stringify(['latestReported', clusterId]), at, () => latestReportedPeriodCode(db, clusterId));
}
