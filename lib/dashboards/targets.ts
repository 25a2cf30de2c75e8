// National targets (QĐ 281/QĐ-TTg, QĐ 387/QĐ-TTg, QĐ 677/QĐ-TTg …) kept as dated data, and
// progress against them. Pure: the data layer loads the NationalTarget rows.
import type { LearningModel } from '../domain';
import { LEARNING_MODELS } from '../domain';
import { recognitionRate, registrationRate, targetProgress, type ModelFigures, type TargetStatus } from './metrics';
import { isInForce } from '../reference/validity';

export type TargetMetric = 'REGISTRATION' | 'RECOGNITION';

/** The rates a target can be measured against, in the order forms list them. */
export const TARGET_METRICS = ['RECOGNITION', 'REGISTRATION'] as const satisfies readonly TargetMetric[];

export const TARGET_METRIC_LABELS: Record<TargetMetric, string> = {
  RECOGNITION: 'Tỷ lệ đạt danh hiệu',
  REGISTRATION: 'Tỷ lệ đăng ký',
};

/** A NationalTarget row. */
export type NationalTargetDef = {
  decision: string;
  model: LearningModel;
  metric: TargetMetric;
  /** Who the rate is about when a model has several (e.g. "người lớn"); null: the model's units. */
  subject: string | null;
  /** Basis points: 7000 = 70 %. */
  rateBp: number;
  targetYear: number;
  validFrom: Date;
  /** Last day in force (inclusive) of a target an administrator ended; null or absent while in force. */
  validTo?: Date | null;
  description: string;
};

/**
 * Subjects of a target that the report's figures measure, per model. A report counts one kind of
 * unit per model (docs/domain.md): for CITIZEN, adults; QĐ 677's separate target for officials is
 * shown but cannot be measured from the reports ("không có số liệu"). A target without subject is
 * about the model's own units and is always measured.
 */
export const MEASURED_SUBJECTS: Record<LearningModel, readonly string[]> = {
  FAMILY: [],
  CLAN: [],
  COMMUNITY: [],
  // QĐ 387: "tổ chức cấp xã" recognised as learning units; the reports count learning units.
  UNIT: ['tổ chức cấp xã'],
  CITIZEN: ['người lớn'],
};

export function isMeasured(t: Pick<NationalTargetDef, 'model' | 'subject'>): boolean {
  return t.subject === null || MEASURED_SUBJECTS[t.model].includes(t.subject);
}

/**
 * The targets in force on `date`: of the targets in force that day (validFrom ≤ date ≤ validTo,
 * the one rule of lib/reference/validity.ts, so a target an administrator ended is gone after its
 * last day), for each model and metric, those of the latest decision (a new decision replaces the
 * old one for that model: QĐ 387 replaced QĐ 281's 2020 targets); within it, for each subject, the
 * nearest target year not yet passed (QĐ 677: 2025, then 2030), or its last target year once all
 * have passed (a target stays the reference until a new decision or its end). Ordered by model,
 * then metric, then subject.
 */
export function targetsInForce<T extends NationalTargetDef>(rows: readonly T[], date: Date): T[] {
  const year = date.getUTCFullYear();
  const valid = rows.filter((r) => isInForce({ validFrom: r.validFrom, validTo: r.validTo ?? null }, date));
  const out: T[] = [];
  for (const model of LEARNING_MODELS) {
    for (const metric of ['REGISTRATION', 'RECOGNITION'] as const) {
      const candidates = valid.filter((r) => r.model === model && r.metric === metric);
      if (candidates.length === 0) continue;
      const latestFrom = Math.max(...candidates.map((r) => r.validFrom.getTime()));
      // The latest decision; two decisions dated the same day both stay in force.
      const current = candidates.filter((r) => r.validFrom.getTime() === latestFrom);
      const subjects = [...new Set(current.map((r) => r.subject))].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'vi'));
      for (const subject of subjects) {
        const ofSubject = current.filter((r) => r.subject === subject).sort((a, b) => a.targetYear - b.targetYear);
        out.push(ofSubject.find((r) => r.targetYear >= year) ?? ofSubject[ofSubject.length - 1]);
      }
    }
  }
  return out;
}

export type TargetProgress<T extends NationalTargetDef = NationalTargetDef> = {
  target: T;
  /** The target as a fraction (0.7). */
  targetRate: number;
  /** False when the reports do not measure the target's subject. */
  measured: boolean;
  /** The rate measured against it (registration or recognition, per the target's metric). */
  rate: number | null;
  status: TargetStatus;
  /** rate − target in percentage points; negative when behind. */
  gap: number | null;
};

/** Progress of figures (a province's, or a cluster's Σ) against each target. */
export function progressAgainst<T extends NationalTargetDef>(
  targets: readonly T[],
  models: Readonly<Record<LearningModel, ModelFigures | null>>,
): TargetProgress<T>[] {
  return targets.map((target) => {
    const targetRate = target.rateBp / 10_000;
    const measured = isMeasured(target);
    const figures = models[target.model];
    const rate = !measured || !figures ? null : target.metric === 'REGISTRATION' ? registrationRate(figures) : recognitionRate(figures);
    const { status, gap } = targetProgress(rate, targetRate);
    return { target, targetRate, measured, rate, status, gap };
  });
}

export type TargetCount = Record<TargetStatus, number>;

/** How many provinces are on track, behind, or without data for each target (same order). */
export function countByStatus<T extends NationalTargetDef>(perProvince: ReadonlyArray<readonly TargetProgress<T>[]>, targets: readonly T[]): TargetCount[] {
  return targets.map((_, i) => {
    const count: TargetCount = { ON_TRACK: 0, BEHIND: 0, NO_DATA: 0 };
    for (const list of perProvince) count[list[i]?.status ?? 'NO_DATA']++;
    return count;
  });
}

/** "QĐ 387/QĐ-TTg · 70 % · 2025", short label for chips and table headers. */
export function targetLabel(t: Pick<NationalTargetDef, 'decision' | 'rateBp' | 'targetYear' | 'subject'>): string {
  const pct = (t.rateBp / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 });
  return `${t.decision}: ${pct} %${t.subject ? ` ${t.subject}` : ''} đến năm ${t.targetYear}`;
}
