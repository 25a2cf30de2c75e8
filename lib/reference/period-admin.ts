import 'server-only';
import { conflict, notFound } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { writeAudit } from '../platform/audit';
import type { Db } from '../platform/db';
import { assertReferenceAdmin, fieldError, REFERENCE_TX, type Actor } from './cluster-admin';
import { deadlineIssue, extensionIssue, nextYearToCreate, periodsOfYear } from './deadlines';
import { periodLabel, type PeriodCode } from './periods';
import { inForceWhere, isInForce } from './validity';

// Administration of the reporting periods: a new year's two periods in one step (default dates
// and deadlines, lib/reference/deadlines.ts), a moved deadline, a lock and an unlock, and a
// province's extension of a deadline with its reason (DHIS2's lock exceptions). For the
// portal's forms and the API alike (both name a period by its code and a province by its code
// in that period). Every write checks the actor's right itself, runs in one serializable
// transaction with its audit rows, and is refused whole with a message naming the field.
//
// What the calendar decides is elsewhere: entry stays open past the deadline until the period is
// locked (lib/reports/status.ts), and a first submission after the province's deadline (the
// period's, or its extension when later) is late (lib/reports/timeliness.ts).

type Tx = Prisma.TransactionClient;

export type AdminExtension = {
  id: string;
  province: { id: string; code: string; name: string };
  deadline: Date;
  reason: string;
  createdAt: Date;
  createdBy: string | null;
};

export type AdminPeriod = {
  id: string;
  code: PeriodCode;
  label: string;
  year: number;
  half: number;
  startDate: Date;
  endDate: Date;
  deadline: Date;
  locked: boolean;
  extensions: AdminExtension[];
  /** The provinces in force on the period's first day, which an extension may name. */
  provinces: { code: string; name: string }[];
};

const PERIOD_SELECT = {
  id: true,
  code: true,
  year: true,
  half: true,
  startDate: true,
  endDate: true,
  deadline: true,
  locked: true,
  extensions: {
    orderBy: { province: { name: 'asc' } },
    select: {
      id: true,
      deadline: true,
      reason: true,
      createdAt: true,
      createdById: true,
      province: { select: { id: true, code: true, name: true } },
    },
  },
} as const satisfies Prisma.PeriodSelect;

type PeriodRow = Prisma.PeriodGetPayload<{ select: typeof PERIOD_SELECT }>;

const iso = (d: Date) => d.toISOString();

// ---------------------------------------------------------------------------------------------
// Reads

/**
 * Every period, newest first, with its extensions and the provinces an extension may name; and
 * the year the page offers to create. Three queries.
 */
export async function listPeriodsForAdmin(db: Db, actor: Actor, now = new Date()): Promise<{ periods: AdminPeriod[]; nextYear: number }> {
  assertReferenceAdmin(actor);
  const [rows, provinces] = await Promise.all([
    db.period.findMany({ orderBy: [{ year: 'desc' }, { half: 'desc' }], select: PERIOD_SELECT }),
    db.province.findMany({ orderBy: { name: 'asc' }, select: { code: true, name: true, validFrom: true, validTo: true } }),
  ]);
  const creatorIds = [...new Set(rows.flatMap((p) => p.extensions.map((e) => e.createdById)).filter((x): x is string => x !== null))];
  const creators = new Map(
    (creatorIds.length ? await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } }) : []).map((u) => [u.id, u.name]),
  );
  const periods = rows.map((p): AdminPeriod => ({
    ...withoutExtensions(p),
    label: periodLabel(p.code),
    extensions: p.extensions.map((e) => ({
      id: e.id,
      province: e.province,
      deadline: e.deadline,
      reason: e.reason,
      createdAt: e.createdAt,
      createdBy: e.createdById ? (creators.get(e.createdById) ?? null) : null,
    })),
    provinces: provinces.filter((x) => isInForce(x, p.startDate)).map((x) => ({ code: x.code, name: x.name })),
  }));
  return { periods, nextYear: nextYearToCreate([...new Set(rows.map((p) => p.year))], now) };
}

function withoutExtensions(p: PeriodRow) {
  const { extensions: _e, ...rest } = p;
  return rest;
}

async function findPeriod(tx: Tx, code: string): Promise<PeriodRow> {
  const period = await tx.period.findUnique({ where: { code }, select: PERIOD_SELECT });
  if (!period) throw notFound(`Không có kỳ báo cáo ${code}.`);
  return period;
}

// ---------------------------------------------------------------------------------------------
// Writes

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const yearExists = (year: number) => {
  const message = `Các kỳ báo cáo năm ${year} đã có.`;
  return conflict(message, { year: [message] });
};

/**
 * Creates a year's two periods (1 January – 30 June, 1 July – 31 December), open, with the
 * default deadlines (15 July and 15 December, 23:59:59 in Vietnam) unless others are given.
 * Refused when either period of the year exists.
 */
export async function createPeriodsOfYear(
  db: Db,
  actor: Actor,
  input: { year: number; deadlines?: Partial<Record<'S1' | 'S2', Date>> },
  now = new Date(),
): Promise<PeriodRow[]> {
  assertReferenceAdmin(actor);
  const planned = periodsOfYear(input.year, { 1: input.deadlines?.S1, 2: input.deadlines?.S2 });
  for (const p of planned) {
    const issue = deadlineIssue(p.deadline, p);
    if (issue) throw fieldError(`deadlines.S${p.half}`, issue);
  }
  try {
    return await db.$transaction(async (tx) => {
      if ((await tx.period.count({ where: { year: input.year } })) > 0) throw yearExists(input.year);
      const created: PeriodRow[] = [];
      for (const p of planned) {
        created.push(
          await tx.period.create({
            data: { code: p.code, year: p.year, half: p.half, startDate: p.startDate, endDate: p.endDate, deadline: p.deadline, locked: false },
            select: PERIOD_SELECT,
          }),
        );
      }
      await writeAudit(
        tx,
        created.map((p) => ({
          actorId: actor.id,
          action: 'period.create',
          entityType: 'Period',
          entityId: p.id,
          newValue: p.code,
          details: { startDate: p.startDate.toISOString().slice(0, 10), endDate: p.endDate.toISOString().slice(0, 10), deadline: iso(p.deadline) },
          at: now,
        })),
      );
      return created;
    }, REFERENCE_TX);
  } catch (error) {
    // Two administrators creating the same year at once: the unique index decides.
    if (isUniqueViolation(error)) throw yearExists(input.year);
    throw error;
  }
}

/**
 * Moves a period's deadline, locks or unlocks it, or both; one audit row per changed field. A
 * change that changes nothing writes nothing. Locking closes entry for every province (an
 * administrator's reopening still unlocks one report); unlocking opens it again, late.
 */
export async function updatePeriod(
  db: Db,
  actor: Actor,
  input: { period: string; deadline?: Date; locked?: boolean },
  now = new Date(),
): Promise<PeriodRow> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const period = await findPeriod(tx, input.period);
    if (input.deadline !== undefined) {
      const issue = deadlineIssue(input.deadline, period);
      if (issue) throw fieldError('deadline', issue);
    }
    const deadlineChanged = input.deadline !== undefined && input.deadline.getTime() !== period.deadline.getTime();
    const lockChanged = input.locked !== undefined && input.locked !== period.locked;
    if (!deadlineChanged && !lockChanged) return period;
    const updated = await tx.period.update({
      where: { id: period.id },
      data: { ...(deadlineChanged ? { deadline: input.deadline } : {}), ...(lockChanged ? { locked: input.locked } : {}) },
      select: PERIOD_SELECT,
    });
    await writeAudit(tx, [
      ...(deadlineChanged
        ? [{ actorId: actor.id, action: 'period.deadline', entityType: 'Period', entityId: period.id, field: 'deadline', oldValue: iso(period.deadline), newValue: iso(updated.deadline), details: { period: period.code }, at: now }]
        : []),
      ...(lockChanged
        ? [{ actorId: actor.id, action: updated.locked ? 'period.lock' : 'period.unlock', entityType: 'Period', entityId: period.id, field: 'locked', oldValue: String(period.locked), newValue: String(updated.locked), details: { period: period.code }, at: now }]
        : []),
    ]);
    return updated;
  }, REFERENCE_TX);
}

/** The province with this code in force on the period's first day (codes are reused across mergers). */
async function provinceInPeriod(tx: Tx, code: string, period: PeriodRow) {
  const province = await tx.province.findFirst({ where: { code, ...inForceWhere(period.startDate) }, select: { id: true, code: true, name: true } });
  if (!province) throw fieldError('province', `Không có tỉnh, thành phố mã ${code} trong ${periodLabel(period.code)}.`);
  return province;
}

/**
 * Grants a province a later deadline for one period, with its reason, or changes the one it has
 * (one extension per period and province). Refused: a period that does not exist (404), a
 * province not in force in the period, a deadline not later than the period's.
 */
export async function setDeadlineExtension(
  db: Db,
  actor: Actor,
  input: { period: string; province: string; deadline: Date; reason: string },
  now = new Date(),
): Promise<{ id: string; period: PeriodCode; province: { id: string; code: string; name: string }; deadline: Date; reason: string }> {
  assertReferenceAdmin(actor);
  return db.$transaction(async (tx) => {
    const period = await findPeriod(tx, input.period);
    const province = await provinceInPeriod(tx, input.province, period);
    const issue = extensionIssue(input.deadline, period.deadline);
    if (issue) throw fieldError('deadline', issue);
    const existing = period.extensions.find((e) => e.province.id === province.id);
    const extension = existing
      ? await tx.deadlineExtension.update({ where: { id: existing.id }, data: { deadline: input.deadline, reason: input.reason } })
      : await tx.deadlineExtension.create({
          data: { periodId: period.id, provinceId: province.id, deadline: input.deadline, reason: input.reason, createdById: actor.id, createdAt: now },
        });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'period.extension.set',
      entityType: 'DeadlineExtension',
      entityId: extension.id,
      field: 'deadline',
      oldValue: existing ? iso(existing.deadline) : null,
      newValue: iso(extension.deadline),
      details: { period: period.code, province: province.code, provinceName: province.name, reason: input.reason, ...(existing ? { previousReason: existing.reason } : {}) },
      at: now,
    });
    return { id: extension.id, period: period.code, province, deadline: extension.deadline, reason: extension.reason };
  }, REFERENCE_TX);
}

/** Withdraws a province's extension (granted by mistake), with the reason, kept in the audit row. */
export async function removeDeadlineExtension(
  db: Db,
  actor: Actor,
  input: { period: string; province: string; reason: string },
  now = new Date(),
): Promise<void> {
  assertReferenceAdmin(actor);
  await db.$transaction(async (tx) => {
    const period = await findPeriod(tx, input.period);
    const province = await provinceInPeriod(tx, input.province, period);
    const existing = period.extensions.find((e) => e.province.id === province.id);
    if (!existing) throw fieldError('province', `${province.name} không được gia hạn trong ${periodLabel(period.code)}.`);
    await tx.deadlineExtension.delete({ where: { id: existing.id } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: 'period.extension.remove',
      entityType: 'DeadlineExtension',
      entityId: existing.id,
      field: 'deadline',
      oldValue: iso(existing.deadline),
      newValue: null,
      details: { period: period.code, province: province.code, provinceName: province.name, reason: input.reason, previousReason: existing.reason },
      at: now,
    });
  }, REFERENCE_TX);
}

// ---------------------------------------------------------------------------------------------
// As the API answers

export type PeriodJson = {
  code: string;
  label: string;
  start: string;
  end: string;
  deadline: string;
  locked: boolean;
  extensions: Array<{ province: { code: string; name: string }; deadline: string; reason: string }>;
};

type PeriodForJson = Pick<PeriodRow, 'code' | 'startDate' | 'endDate' | 'deadline' | 'locked'> & {
  extensions: ReadonlyArray<{ province: { code: string; name: string }; deadline: Date; reason: string }>;
};

export function periodJson(p: PeriodForJson): PeriodJson {
  return {
    code: p.code,
    label: periodLabel(p.code),
    start: p.startDate.toISOString().slice(0, 10),
    end: p.endDate.toISOString().slice(0, 10),
    deadline: iso(p.deadline),
    locked: p.locked,
    extensions: p.extensions.map((e) => ({ province: { code: e.province.code, name: e.province.name }, deadline: iso(e.deadline), reason: e.reason })),
  };
}
