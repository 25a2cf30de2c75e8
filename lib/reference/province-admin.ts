import 'server-only';
import { UserFacingError, notFound } from '../errors';
import { formatDate } from '../format';
import type { Prisma } from '../generated/prisma/client';
import { writeAudit, type AuditEntry } from '../platform/audit';
import type { Db } from '../platform/db';
import { assertReferenceAdmin, fieldError, isoDay, REFERENCE_TX, spanText, END_BEFORE_START, type Actor } from './cluster-admin';
import { dayAfter, firstOverlap, isOrdered, successorProblem } from './overlaps';
import { periodLabel } from './periods';
import { inForceWhere, isInForce, type Dated } from './validity';

// Corrections to the provinces: name, code, validity dates and successor link, by administrators,
// each in one transaction with one audit row per changed field (the old value kept there). The
// shipped reference data finds its rows by referenceKey, so loading it again keeps a correction.
//
// The rules, on inclusive date ranges with open ends (overlaps.ts):
//   - a code names one province at a time: no two rows with one code overlap in time (a code is
//     reused across generations, e.g. 33 for Hưng Yên before and after 1 July 2025);
//   - a successor link joins a province that has ended to one in force the day after, without
//     cycles; and the provinces that merged into this one still find it in force the day after
//     they ended;
//   - the province stays in force on the first day of each of its memberships and of each period
//     it has a report for, so that no membership or report is left outside its province's life.

type Tx = Prisma.TransactionClient;

const PROVINCE_SELECT = {
  id: true,
  code: true,
  name: true,
  validFrom: true,
  validTo: true,
  successorId: true,
  successor: { select: { id: true, code: true, name: true, validFrom: true, validTo: true } },
} as const;

export type ProvinceRow = Prisma.ProvinceGetPayload<{ select: typeof PROVINCE_SELECT }>;

/** A province as the API answers it: the successor by its code. */
export type ProvinceJson = { code: string; name: string; validFrom: string; validTo: string | null; successor: string | null };

export function provinceJson(p: ProvinceRow): ProvinceJson {
  return { code: p.code, name: p.name, validFrom: isoDay(p.validFrom)!, validTo: isoDay(p.validTo), successor: p.successor?.code ?? null };
}

// ---------------------------------------------------------------------------------------------
// Reads

/**
 * The provinces in force on a day, by code then name; any signed-in user may read them. `query`
 * keeps those whose code starts with it or whose name contains it (any case).
 */
export async function listProvincesOn(db: Db, day: Date, query?: string): Promise<ProvinceRow[]> {
  const q = query?.trim();
  return db.province.findMany({
    where: { AND: [inForceWhere(day), ...(q ? [{ OR: [{ code: { startsWith: q } }, { name: { contains: q, mode: 'insensitive' as const } }] }] : [])] },
    orderBy: [{ code: 'asc' }, { name: 'asc' }],
    select: PROVINCE_SELECT,
  });
}

/**
 * One province for its correction page: its row, the provinces that merged into it, its
 * memberships, and the provinces it may name as successor (those in force the day after it ends).
 */
export async function getProvinceForAdmin(db: Db, actor: Actor, id: string) {
  assertReferenceAdmin(actor);
  const province = await db.province.findUnique({
    where: { id },
    select: {
      ...PROVINCE_SELECT,
      predecessors: { orderBy: { name: 'asc' }, select: { id: true, code: true, name: true, validTo: true } },
      memberships: { orderBy: { validFrom: 'desc' }, select: { id: true, validFrom: true, validTo: true, cluster: { select: { code: true, name: true } } } },
      _count: { select: { reports: true } },
    },
  });
  if (!province) return null;
  const successorOptions = province.validTo
    ? await db.province.findMany({
        where: { id: { not: province.id }, ...inForceWhere(dayAfter(province.validTo)) },
        orderBy: [{ name: 'asc' }],
        select: { id: true, code: true, name: true, validFrom: true, validTo: true },
      })
    : [];
  return { province, successorOptions };
}

// ---------------------------------------------------------------------------------------------
// Corrections

/** Which row a write is about: by id (the portal), or by code with `?on=` or the body's validFrom (the API). */
export type ProvinceTarget = { provinceId: string } | { code: string; on?: Date; validFrom?: Date };

export type ProvinceChanges = {
  code?: string;
  name?: string;
  validFrom?: Date;
  validTo?: Date | null;
  /** By id (the portal) or by code, resolved on the day after the province ends (the API); null removes the link. */
  successor?: { id: string } | { code: string } | null;
  /** Why, kept in the log beside each change. */
  reason?: string | null;
};

async function findTarget(tx: Tx, target: ProvinceTarget): Promise<{ row: ProvinceRow; pickedByValidFrom: boolean }> {
  if ('provinceId' in target) {
    const row = await tx.province.findUnique({ where: { id: target.provinceId }, select: PROVINCE_SELECT });
    if (!row) throw notFound('Không tìm thấy tỉnh, thành phố.');
    return { row, pickedByValidFrom: false };
  }
  const rows = await tx.province.findMany({ where: { code: target.code }, orderBy: { validFrom: 'asc' }, select: PROVINCE_SELECT });
  if (rows.length === 0) throw notFound(`Không có tỉnh, thành phố mã ${target.code}.`);
  if (target.on) {
    const row = rows.find((r) => isInForce(r, target.on!));
    if (!row) throw notFound(`Không có tỉnh, thành phố mã ${target.code} có hiệu lực vào ngày ${formatDate(target.on)}.`);
    return { row, pickedByValidFrom: false };
  }
  if (rows.length === 1) return { row: rows[0], pickedByValidFrom: false };
  const byStart = target.validFrom && rows.find((r) => r.validFrom.getTime() === target.validFrom!.getTime());
  if (byStart) return { row: byStart, pickedByValidFrom: true };
  const list = rows.map((r) => `${r.name} (${spanText(r)})`).join('; ');
  const message = `Mã ${target.code} là mã của nhiều tỉnh, thành phố theo thời gian: ${list}. Thêm ?on=YYYY-MM-DD để chọn tỉnh có hiệu lực vào ngày đó.`;
  throw new UserFacingError(message, { on: [message] });
}

/**
 * Corrects a province (absent fields unchanged). Refused whole, naming the field, when the dates are
 * in the wrong order, the code is another province's at the same time, the successor link cannot
 * hold, or a membership, a report or a merged province would fall outside the new dates.
 */
export async function updateProvince(db: Db, actor: Actor, target: ProvinceTarget, changes: ProvinceChanges): Promise<ProvinceJson> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const { row, pickedByValidFrom } = await findTarget(tx, target);
    const next = {
      code: changes.code ?? row.code,
      name: changes.name ?? row.name,
      validFrom: pickedByValidFrom ? row.validFrom : (changes.validFrom ?? row.validFrom),
      validTo: changes.validTo === undefined ? row.validTo : changes.validTo,
    };
    if (!isOrdered(next)) throw fieldError('validTo', END_BEFORE_START);
    const successor = changes.successor === undefined ? row.successor : changes.successor && (await findSuccessor(tx, changes.successor, next));

    await checkCode(tx, { id: row.id, ...next });
    if (successor) await checkSuccessor(tx, { id: row.id, ...next }, successor);
    await checkDependants(tx, { id: row.id, ...next });

    const label = (p: { name: string; code: string } & Dated) => `${p.name} (${p.code}, ${spanText(p)})`;
    const diffs: Array<[field: string, oldValue: string | null, newValue: string | null]> = [
      ['code', row.code, next.code],
      ['name', row.name, next.name],
      ['validFrom', isoDay(row.validFrom), isoDay(next.validFrom)],
      ['validTo', isoDay(row.validTo), isoDay(next.validTo)],
      ['successor', row.successor && label(row.successor), successor ? label(successor) : null],
    ];
    const changed = diffs.filter(([, a, b]) => a !== b);
    if (changed.length === 0) return provinceJson(row);
    const updated = await tx.province.update({
      where: { id: row.id },
      data: { ...next, successorId: successor?.id ?? null },
      select: PROVINCE_SELECT,
    });
    await writeAudit(
      tx,
      changed.map(
        ([field, oldValue, newValue]): AuditEntry => ({
          actorId: actor.id,
          action: 'province.update',
          entityType: 'Province',
          entityId: row.id,
          field,
          oldValue,
          newValue,
          details: { code: row.code, name: row.name, validFrom: isoDay(row.validFrom), ...(changes.reason ? { reason: changes.reason } : {}) },
        }),
      ),
    );
    return provinceJson(updated);
  }, REFERENCE_TX);
}

type Candidate = Dated & { id: string; code: string; name: string };

async function findSuccessor(tx: Tx, key: { id: string } | { code: string }, province: Dated) {
  const select = { id: true, code: true, name: true, validFrom: true, validTo: true } as const;
  if ('id' in key) {
    const found = await tx.province.findUnique({ where: { id: key.id }, select });
    if (!found) throw fieldError('successorId', 'Không tìm thấy tỉnh kế thừa.');
    return found;
  }
  if (province.validTo === null) throw fieldError('successorId', STILL_IN_FORCE);
  const day = dayAfter(province.validTo);
  const found = await tx.province.findFirst({ where: { code: key.code, ...inForceWhere(day) }, select });
  if (!found) throw fieldError('successorId', `Không có tỉnh, thành phố mã ${key.code} có hiệu lực vào ngày ${formatDate(day)}, ngày sau khi tỉnh này hết hiệu lực.`);
  return found;
}

const STILL_IN_FORCE = 'Tỉnh còn hiệu lực (chưa có ngày hết hiệu lực) thì chưa có tỉnh kế thừa: hãy nhập ngày hết hiệu lực.';

async function checkCode(tx: Tx, candidate: Candidate): Promise<void> {
  const sameCode = await tx.province.findMany({ where: { code: candidate.code }, orderBy: { validFrom: 'asc' }, select: { id: true, name: true, validFrom: true, validTo: true } });
  const clash = firstOverlap(candidate, sameCode);
  if (clash) {
    throw fieldError(
      'code',
      `Mã ${candidate.code} đã là mã của ${clash.name} (${spanText(clash)}): một mã chỉ thuộc một tỉnh, thành phố tại một thời điểm.`,
      'CONFLICT',
    );
  }
}

async function checkSuccessor(tx: Tx, candidate: Candidate, successor: Dated & { id: string; name: string }): Promise<void> {
  const links = new Map((await tx.province.findMany({ select: { id: true, successorId: true } })).map((p) => [p.id, p.successorId]));
  links.set(candidate.id, successor.id);
  const problem = successorProblem(candidate, successor, (id) => links.get(id) ?? null);
  if (problem === null) return;
  const messages = {
    'still-in-force': STILL_IN_FORCE,
    itself: 'Một tỉnh không thể kế thừa chính nó.',
    'not-in-force-after': `${successor.name} (${spanText(successor)}) không có hiệu lực vào ngày ${candidate.validTo ? formatDate(dayAfter(candidate.validTo)) : ''}, ngày sau khi tỉnh này hết hiệu lực.`,
    cycle: `${successor.name} đã (trực tiếp hoặc qua tỉnh khác) hợp nhất vào tỉnh này, nên không thể là tỉnh kế thừa của nó.`,
  } as const;
  throw fieldError(problem === 'still-in-force' ? 'validTo' : 'successorId', messages[problem], problem === 'cycle' ? 'CONFLICT' : 'INVALID_INPUT');
}

/** The provinces merged into this one, its memberships and its reports must stay inside its new dates. */
async function checkDependants(tx: Tx, candidate: Candidate): Promise<void> {
  const [predecessors, memberships, reports] = await Promise.all([
    tx.province.findMany({ where: { successorId: candidate.id }, orderBy: { name: 'asc' }, select: { name: true, validTo: true } }),
    tx.clusterMembership.findMany({ where: { provinceId: candidate.id }, orderBy: { validFrom: 'asc' }, select: { validFrom: true, cluster: { select: { name: true } } } }),
    tx.report.findMany({ where: { provinceId: candidate.id }, orderBy: { period: { startDate: 'asc' } }, select: { period: { select: { code: true, startDate: true } } } }),
  ]);
  for (const p of predecessors) {
    if (p.validTo && !isInForce(candidate, dayAfter(p.validTo))) {
      const day = formatDate(dayAfter(p.validTo));
      throw fieldError('validFrom', `${p.name} hợp nhất vào tỉnh này từ ngày ${day}, nên tỉnh phải có hiệu lực vào ngày đó.`, 'CONFLICT');
    }
  }
  const member = memberships.find((m) => !isInForce(candidate, m.validFrom));
  if (member) {
    const message = `Tỉnh là thành viên của ${member.cluster.name} từ ngày ${formatDate(member.validFrom)}, ngoài thời gian hiệu lực mới: hãy sửa tư cách thành viên trước.`;
    throw fieldError(member.validFrom < candidate.validFrom ? 'validFrom' : 'validTo', message, 'CONFLICT');
  }
  const report = reports.find((r) => !isInForce(candidate, r.period.startDate));
  if (report) {
    const message = `Tỉnh có báo cáo ${periodLabel(report.period.code)}, kỳ nằm ngoài thời gian hiệu lực mới.`;
    throw fieldError(report.period.startDate < candidate.validFrom ? 'validFrom' : 'validTo', message, 'CONFLICT');
  }
}
