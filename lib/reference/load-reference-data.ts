// Loads the shipped province list (prisma/reference/provinces.json, checked by ./province-data)
// into the database: `npm run reference:load`, `npm start` on a database without provinces, and
// the demo seed, which builds on these rows.
//
// Idempotent and conservative: a row is found by its referenceKey, and a row that exists is never
// changed, whatever an administrator corrected in it (name, code, dates, successor). Only missing
// rows are created, with their successor links, in one transaction with one audit row each.
//
// No `server-only` here: scripts (tsx) import this module, outside any React Server environment,
// so it writes its audit rows itself in the shape of lib/platform/audit.ts. The architecture
// test lists it among the plumbing for that reason.
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import { PROVINCE_REFERENCE, referenceProvinceId, type ReferenceProvince } from './province-data';

export type ReferenceLoadResult = {
  /** Rows created from the file. */
  created: number;
  /** Of those, rows created with a link to their successor. */
  linked: number;
  /** Rows of the file already in the database, left as they are. */
  kept: number;
};

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const FOREVER = new Date(8.64e15);

/** Loads the whole file in its own transaction. */
export async function loadReferenceData(db: PrismaClient): Promise<ReferenceLoadResult> {
  // Generous for a cold PGlite; the load itself takes a few round trips.
  return db.$transaction((tx) => loadReferenceProvinces(tx), { timeout: 60_000, maxWait: 30_000 });
}

/**
 * Creates, inside the caller's transaction, the rows of `rows` (by default the whole file) that
 * the database does not have yet. A successor must be among `rows` or already in the database.
 * Refuses the whole load, writing nothing, when a row to create would share its code with a
 * province already there at the same time: a code names one province on any day.
 */
export async function loadReferenceProvinces(
  tx: Prisma.TransactionClient,
  rows: readonly ReferenceProvince[] = PROVINCE_REFERENCE.provinces,
): Promise<ReferenceLoadResult> {
  const keys = [...new Set(rows.flatMap((r) => (r.successor ? [r.referenceKey, r.successor] : [r.referenceKey])))];
  const existing = await tx.province.findMany({ where: { referenceKey: { in: keys } }, select: { id: true, referenceKey: true } });
  const idOfKey = new Map(existing.map((p) => [p.referenceKey!, p.id]));
  const missing = rows.filter((r) => !idOfKey.has(r.referenceKey));
  const result = { created: missing.length, linked: missing.filter((r) => r.successor).length, kept: rows.length - missing.length };
  if (missing.length === 0) return result;

  for (const r of missing) idOfKey.set(r.referenceKey, referenceProvinceId(r.referenceKey));
  const unknown = missing.filter((r) => r.successor && !idOfKey.has(r.successor));
  if (unknown.length > 0) throw new Error(`Reference rows without their successor: ${unknown.map((r) => r.referenceKey).join(', ')}`);

  const sameCode = await tx.province.findMany({
    where: { code: { in: [...new Set(missing.map((r) => r.code))] } },
    select: { code: true, name: true, validFrom: true, validTo: true, referenceKey: true },
  });
  const clashes = missing.flatMap((r) =>
    sameCode
      .filter((p) => p.code === r.code && p.validFrom <= (r.validTo ?? FOREVER) && r.validFrom <= (p.validTo ?? FOREVER))
      .map((p) => `mã ${r.code}: "${r.name}" từ ${isoDay(r.validFrom)} trùng thời gian với "${p.name}" (${isoDay(p.validFrom)}–${isoDay(p.validTo) ?? 'nay'}) đã có`),
  );
  if (clashes.length > 0) {
    throw new Error(
      'Không nạp được dữ liệu tham chiếu tỉnh, thành phố: cơ sở dữ liệu đã có tỉnh, thành phố khác dùng cùng mã trong cùng thời gian ' +
        `(mỗi mã chỉ thuộc một tỉnh, thành phố vào một ngày). Không có gì được ghi.\n  ${clashes.join('\n  ')}`,
    );
  }

  // Successors first, so every successorId points at an existing row: level by level, each
  // level the rows whose successor is already in the database.
  const present = new Set(existing.map((p) => p.referenceKey!));
  let pending = missing;
  while (pending.length > 0) {
    const ready = pending.filter((r) => !r.successor || present.has(r.successor));
    if (ready.length === 0) throw new Error(`Cycle in reference successor links: ${pending.map((r) => r.referenceKey).join(', ')}`);
    await tx.province.createMany({
      data: ready.map((r) => ({
        id: idOfKey.get(r.referenceKey)!,
        referenceKey: r.referenceKey,
        code: r.code,
        name: r.name,
        validFrom: r.validFrom,
        validTo: r.validTo,
        successorId: r.successor ? idOfKey.get(r.successor)! : null,
      })),
    });
    for (const r of ready) present.add(r.referenceKey);
    pending = pending.filter((r) => !present.has(r.referenceKey));
  }

  await tx.auditLog.createMany({
    data: missing.map((r) => ({
      actorId: null,
      action: 'province.create',
      entityType: 'Province',
      entityId: idOfKey.get(r.referenceKey)!,
      newValue: `${r.name} (${r.code}, ${isoDay(r.validFrom)}–${isoDay(r.validTo) ?? 'nay'})`,
      details: {
        from: 'reference-data',
        version: PROVINCE_REFERENCE.version,
        referenceKey: r.referenceKey,
        code: r.code,
        name: r.name,
        validFrom: isoDay(r.validFrom),
        validTo: isoDay(r.validTo),
        successor: r.successor,
        source: r.source,
      },
    })),
  });
  return result;
}
