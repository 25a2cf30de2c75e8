// The rules built from the thresholds an administrator set (lib/reference/settings.ts): a changed
// threshold changes what a report check warns about, and nothing else.
import { describe, expect, it } from 'vitest';
import { emptyReportData, type ReportData } from './data';
import { DEFAULT_THRESHOLDS } from '../reference/settings';
import { REPORT_RULES, checkReport, reportRules } from './rules';

function withFamily(registered: number, total: number): ReportData {
  const d = emptyReportData();
  d.models.FAMILY = { total, registered, recognised: 0 };
  return d;
}

function withAward(recipients: number, amount: bigint): ReportData {
  const d = emptyReportData();
  d.awards.SCHOLARSHIP.EXCELLENT_STUDENT = { recipients, amount };
  return d;
}

const warningIds = (d: ReportData, previous: ReportData | null, t = DEFAULT_THRESHOLDS) => checkReport(d, previous, t).warnings.map((w) => w.rule.id);

describe('rules built from thresholds', () => {
  it('are the default rules, the same object, with the default thresholds', () => {
    expect(reportRules({ ...DEFAULT_THRESHOLDS })).toBe(REPORT_RULES);
  });

  it('keep every rule id and order whatever the thresholds (explanations are stored by id)', () => {
    const rules = reportRules({ registrationRateChangePoints: 5, awardAverageMin: 10_000, awardAverageMax: 1_000_000 });
    expect(rules.map((r) => r.id)).toEqual(REPORT_RULES.map((r) => r.id));
    expect(rules).not.toBe(REPORT_RULES);
  });

  it('warn about a smaller rate change once the threshold is lowered, saying the threshold', () => {
    const now = withFamily(900, 1000);
    const before = withFamily(780, 1000); // +12 points
    expect(warningIds(now, before)).toEqual([]);
    const lowered = { ...DEFAULT_THRESHOLDS, registrationRateChangePoints: 10 };
    const [warning] = checkReport(now, before, lowered).warnings;
    expect(warning.rule.id).toBe('models.FAMILY.registration-rate-change');
    expect(warning.message).toBe(
      'Gia đình học tập: tỷ lệ đăng ký thay đổi +12\u00A0điểm\u00A0% so với kỳ trước (từ 78\u00A0% thành 90\u00A0%), quá 10\u00A0điểm\u00A0%.',
    );
    // And no longer about a larger one once it is raised.
    expect(warningIds(withFamily(990, 1000), withFamily(800, 1000), { ...DEFAULT_THRESHOLDS, registrationRateChangePoints: 20 })).toEqual([]);
  });

  it('compare against a threshold with decimals exactly: 12,5 points is 1/8', () => {
    const t = { ...DEFAULT_THRESHOLDS, registrationRateChangePoints: 12.5 };
    expect(warningIds(withFamily(625, 1000), withFamily(500, 1000), t)).toEqual([]);
    expect(warningIds(withFamily(626, 1000), withFamily(500, 1000), t)).toEqual(['models.FAMILY.registration-rate-change']);
  });

  it('move the usual range of the average award', () => {
    const d = withAward(10, 300_000_000n); // 30 000 000 per recipient: above the default 20 000 000
    expect(warningIds(d, null)).toEqual(['awards.SCHOLARSHIP.EXCELLENT_STUDENT.average-max']);
    expect(warningIds(d, null, { ...DEFAULT_THRESHOLDS, awardAverageMax: 40_000_000 })).toEqual([]);
    const small = withAward(10, 1_000_000n); // 100 000 each
    expect(warningIds(small, null)).toEqual([]);
    const raised = checkReport(small, null, { ...DEFAULT_THRESHOLDS, awardAverageMin: 200_000 }).warnings;
    expect(raised.map((w) => w.message)).toEqual([
      'Học bổng – học sinh giỏi: bình quân 100.000\u00A0₫ mỗi người nhận (1.000.000\u00A0₫ cho 10 người), thấp hơn 200.000\u00A0₫.',
    ]);
  });

  it('leave the blocking rules as they are', () => {
    const d = withAward(1, 100_000_001n);
    const loose = { registrationRateChangePoints: 100, awardAverageMin: 1, awardAverageMax: 100_000_000 };
    expect(checkReport(d, null, loose).blocking.map((r) => r.rule.id)).toEqual(['awards.SCHOLARSHIP.EXCELLENT_STUDENT.amount-ceiling']);
  });
});
