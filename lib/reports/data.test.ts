import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AWARD_KINDS, FUND_SOURCES, LEARNING_MODELS, RECIPIENT_GROUPS } from '../domain';
import {
  MAX_AMOUNT,
  MAX_COUNT,
  MAX_TEXT,
  ReportDataSchema,
  diffReportData,
  emptyReportData,
  fieldErrorsOf,
  flattenReportData,
  getFieldValue,
  parseFieldValue,
  reportDataToJson,
  unflattenReportInput,
  type ReportData,
} from './data';
import { REPORT_FIELDS } from './fields';

/** A complete, consistent report (Bắc Ninh-like magnitudes). */
function sampleReport(): ReportData {
  const d = emptyReportData();
  d.models.FAMILY = { total: 350_000, registered: 320_000, recognised: 284_585 };
  d.models.CLAN = { total: 4_000, registered: 3_500, recognised: 2_990 };
  d.models.COMMUNITY = { total: 2_500, registered: 2_400, recognised: 2_200 };
  d.models.UNIT = { total: 1_980, registered: 1_960, recognised: 1_960 };
  d.models.CITIZEN = { total: 1_000_000, registered: 600_000, recognised: 450_000 };
  d.fund = {
    opening: 185_600_000_000n,
    mobilised: {
      ENTERPRISE: 40_000_000_000n,
      INDIVIDUAL: 12_500_000_000n,
      ORGANISATION: 8_000_000_000n,
      CLAN: 3_000_000_000n,
      OTHER: 500_000_000n,
    },
    spent: 50_000_000_000n,
    closing: 199_600_000_000n,
  };
  for (const kind of AWARD_KINDS) {
    for (const group of RECIPIENT_GROUPS) d.awards[kind][group] = { recipients: 1_000, amount: 1_500_000_000n };
  }
  d.membership = { members: 542_467, newMembers: 12_000, branches: 6_100 };
  d.centres = { centres: 126, classes: 3_400, learners: 250_000 };
  d.narrative = { results: 'Hoàn thành các chỉ tiêu.', limitations: '', plan: 'Tiếp tục vận động.' };
  return d;
}

function issuesOf(input: unknown): Array<[string, string]> {
  const r = ReportDataSchema.safeParse(input);
  if (r.success) throw new Error('expected a refusal');
  return r.error.issues.map((i) => [i.path.join('.'), i.message]);
}

function parse(input: unknown): ReportData {
  return ReportDataSchema.parse(input);
}

describe('emptyReportData', () => {
  it('has every figure null and every text empty', () => {
    const d = emptyReportData();
    expect(d.models.FAMILY).toEqual({ total: null, registered: null, recognised: null });
    expect(Object.keys(d.models)).toEqual([...LEARNING_MODELS]);
    expect(d.fund).toEqual({
      opening: null,
      mobilised: { ENTERPRISE: null, INDIVIDUAL: null, ORGANISATION: null, CLAN: null, OTHER: null },
      spent: null,
      closing: null,
    });
    expect(Object.keys(d.awards)).toEqual([...AWARD_KINDS]);
    expect(d.awards.REWARD.TALENTED_WORKER).toEqual({ recipients: null, amount: null });
    expect(d.membership).toEqual({ members: null, newMembers: null, branches: null });
    expect(d.centres).toEqual({ centres: null, classes: null, learners: null });
    expect(d.narrative).toEqual({ results: '', limitations: '', plan: '' });
  });

  it('returns a new object each time', () => {
    const a = emptyReportData();
    a.models.FAMILY.total = 5;
    expect(emptyReportData().models.FAMILY.total).toBeNull();
  });
});

describe('getFieldValue', () => {
  it('reads a figure by catalogue path', () => {
    const d = sampleReport();
    expect(getFieldValue(d, 'models.FAMILY.recognised')).toBe(284_585);
    expect(getFieldValue(d, 'fund.mobilised.CLAN')).toBe(3_000_000_000n);
    expect(getFieldValue(d, 'awards.SUPPORT.TALENTED_WORKER.amount')).toBe(1_500_000_000n);
    expect(getFieldValue(d, 'narrative.limitations')).toBe('');
    expect(getFieldValue(emptyReportData(), 'centres.classes')).toBeNull();
  });

  it('throws on a path outside the catalogue', () => {
    expect(() => getFieldValue(sampleReport(), 'models.FAMILY')).toThrow(RangeError);
    expect(() => getFieldValue(sampleReport(), 'fund.balance')).toThrow('Unknown report field path: fund.balance');
  });
});

describe('ReportDataSchema: accepted input', () => {
  it('reads an empty object as an empty report (a draft with nothing entered)', () => {
    expect(parse({})).toEqual(emptyReportData());
  });

  it('reads JSON numbers, amounts as bigint', () => {
    const d = parse({
      models: { FAMILY: { total: 1200, registered: 1100, recognised: 0 } },
      fund: { opening: 185_600_000_000, mobilised: { OTHER: 1 } },
      membership: { members: 542_467 },
    });
    expect(d.models.FAMILY).toEqual({ total: 1200, registered: 1100, recognised: 0 });
    expect(d.fund.opening).toBe(185_600_000_000n);
    expect(d.fund.mobilised.OTHER).toBe(1n);
    expect(d.fund.mobilised.ENTERPRISE).toBeNull();
    expect(d.membership).toEqual({ members: 542_467, newMembers: null, branches: null });
  });

  it('reads numbers typed the Vietnamese way', () => {
    const d = parse({
      models: { FAMILY: { total: '1.234.567', registered: '1 234 566', recognised: '1\u00A0000\u00A0000' } },
      fund: { opening: ' 185.600.000.000 ', spent: '0', closing: '007' },
      membership: { members: '542467' },
    });
    expect(d.models.FAMILY).toEqual({ total: 1_234_567, registered: 1_234_566, recognised: 1_000_000 });
    expect(d.fund.opening).toBe(185_600_000_000n);
    expect(d.fund.spent).toBe(0n);
    expect(d.fund.closing).toBe(7n);
    expect(d.membership.members).toBe(542_467);
  });

  it('reads empty strings, blanks, null and missing keys as empty figures', () => {
    const d = parse({
      models: { FAMILY: { total: '', registered: '   ', recognised: null } },
      fund: null,
      narrative: { results: null },
    });
    expect(d).toEqual(emptyReportData());
  });

  it('keeps a partially filled draft: what is given, and empty elsewhere', () => {
    const d = parse({ awards: { SUPPORT: { TALENTED_WORKER: { recipients: '12' } } }, narrative: { plan: 'Mở rộng.' } });
    const expected = emptyReportData();
    expected.awards.SUPPORT.TALENTED_WORKER.recipients = 12;
    expected.narrative.plan = 'Mở rộng.';
    expect(d).toEqual(expected);
  });

  it('accepts the limits themselves', () => {
    const d = parse({
      membership: { members: MAX_COUNT, newMembers: '100.000.000' },
      fund: { opening: Number(MAX_AMOUNT), closing: '1.000.000.000.000.000', spent: MAX_AMOUNT },
      narrative: { results: 'a'.repeat(MAX_TEXT) },
    });
    expect(d.membership.members).toBe(100_000_000);
    expect(d.membership.newMembers).toBe(100_000_000);
    expect(d.fund.opening).toBe(10n ** 15n);
    expect(d.fund.closing).toBe(10n ** 15n);
    expect(d.fund.spent).toBe(10n ** 15n);
    expect(d.narrative.results).toHaveLength(10_000);
  });

  it('counts text length in characters, not UTF-16 units', () => {
    const text = '😀'.repeat(MAX_TEXT); // 20 000 UTF-16 units
    expect(parse({ narrative: { results: text } }).narrative.results).toBe(text);
  });

  it('normalises text: NFC, \\n line ends, no surrounding blanks', () => {
    const decomposed = 'Ke\u0302\u0301t qua\u0309'; // "Kết quả" typed with combining marks
    const d = parse({ narrative: { results: `  ${decomposed}\r\nDòng 2\rDòng 3  `, limitations: '   ' } });
    expect(d.narrative.results).toBe('Kết quả\nDòng 2\nDòng 3');
    expect(d.narrative.limitations).toBe('');
  });

  it('turns a JSON -0 into 0', () => {
    expect(Object.is(parse({ membership: { members: -0 } }).membership.members, 0)).toBe(true);
  });

  it('ignores unknown keys inside a section', () => {
    const d = parse({ models: { FAMILY: { total: 5, colour: 'red' }, PET: { total: 1 } }, fund: { extra: 1 } });
    expect(d.models.FAMILY).toEqual({ total: 5, registered: null, recognised: null });
    expect(Object.keys(d.models)).toEqual([...LEARNING_MODELS]);
    expect(Object.keys(d.fund)).toEqual(['opening', 'mobilised', 'spent', 'closing']);
  });

  it('accepts a ReportData itself (bigints) and gives it back equal', () => {
    const d = sampleReport();
    expect(parse(d)).toEqual(d);
  });
});

describe('ReportDataSchema: refusals name the field, in Vietnamese, at its catalogue path', () => {
  const cases: Array<[string, unknown, string, string]> = [
    // [description, input, path, message]
    ['negative JSON number', { models: { FAMILY: { registered: -1 } } }, 'models.FAMILY.registered', 'Gia đình học tập – đã đăng ký: không được âm.'],
    ['negative string', { membership: { members: '-5' } }, 'membership.members', 'Số hội viên: không được âm.'],
    ['negative with a typographic minus', { fund: { spent: '−1.000' } }, 'fund.spent', 'Quỹ – đã chi trong kỳ: không được âm.'],
    ['negative decimal', { centres: { classes: -1.5 } }, 'centres.classes', 'Số lớp học: không được âm.'],
    ['negative bigint', { fund: { opening: -1n } }, 'fund.opening', 'Quỹ – số dư đầu kỳ: không được âm.'],
    ['JSON decimal', { models: { CLAN: { total: 12.5 } } }, 'models.CLAN.total', 'Dòng họ học tập – tổng số (dòng họ): phải là số nguyên, không có phần thập phân.'],
    ['decimal comma', { centres: { learners: '1,5' } }, 'centres.learners', 'Số lượt người học: phải là số nguyên, không có phần thập phân.'],
    ['decimal amount', { fund: { closing: 0.5 } }, 'fund.closing', 'Quỹ – số dư cuối kỳ: phải là số nguyên, không có phần thập phân.'],
    ['letters', { membership: { branches: '12a' } }, 'membership.branches', 'Số chi hội: chỉ được gồm các chữ số.'],
    ['a word', { fund: { mobilised: { ENTERPRISE: 'mười' } } }, 'fund.mobilised.ENTERPRISE', 'Quỹ – vận động từ doanh nghiệp: chỉ được gồm các chữ số.'],
    ['bad grouping', { centres: { centres: '1.23.4' } }, 'centres.centres', 'Số trung tâm học tập cộng đồng: sai cách phân cách hàng nghìn (viết 1.234.567 hoặc 1234567).'],
    ['a 25-digit count', { membership: { members: '1234567890123456789012345' } }, 'membership.members', 'Số hội viên: số quá lớn (tối đa 100.000.000).'],
    ['a 25-digit amount', { fund: { opening: '1'.repeat(25) } }, 'fund.opening', 'Quỹ – số dư đầu kỳ: số quá lớn (tối đa 1.000.000.000.000.000).'],
    ['a count above MAX_COUNT', { membership: { newMembers: 100_000_001 } }, 'membership.newMembers', 'Hội viên mới kết nạp: số quá lớn (tối đa 100.000.000).'],
    ['a typed count above MAX_COUNT', { models: { CITIZEN: { total: '100.000.001' } } }, 'models.CITIZEN.total', 'Công dân học tập – tổng số (người): số quá lớn (tối đa 100.000.000).'],
    ['an amount above MAX_AMOUNT', { awards: { REWARD: { EXCELLENT_STUDENT: { amount: '1.000.000.000.000.001' } } } }, 'awards.REWARD.EXCELLENT_STUDENT.amount', 'Khen thưởng – học sinh giỏi – số tiền (đồng): số quá lớn (tối đa 1.000.000.000.000.000).'],
    ['an unsafe JSON number', { fund: { spent: 2 ** 60 } }, 'fund.spent', 'Quỹ – đã chi trong kỳ: số quá lớn (tối đa 1.000.000.000.000.000).'],
    ['a bigint above MAX_AMOUNT', { fund: { spent: MAX_AMOUNT + 1n } }, 'fund.spent', 'Quỹ – đã chi trong kỳ: số quá lớn (tối đa 1.000.000.000.000.000).'],
    ['NaN', { centres: { centres: Number.NaN } }, 'centres.centres', 'Số trung tâm học tập cộng đồng: không phải là số hợp lệ.'],
    ['Infinity', { centres: { centres: Number.POSITIVE_INFINITY } }, 'centres.centres', 'Số trung tâm học tập cộng đồng: không phải là số hợp lệ.'],
    ['a boolean for a number', { awards: { SUPPORT: { TALENTED_WORKER: { recipients: true } } } }, 'awards.SUPPORT.TALENTED_WORKER.recipients', 'Hỗ trợ – người lao động tài năng – số người nhận: phải là một số.'],
    ['an array for a number', { models: { UNIT: { recognised: [1] } } }, 'models.UNIT.recognised', 'Đơn vị học tập – đạt danh hiệu: phải là một số.'],
    ['a number for a text', { narrative: { results: 5 } }, 'narrative.results', 'Kết quả đạt được: phải là văn bản.'],
    ['a text too long', { narrative: { plan: 'x'.repeat(MAX_TEXT + 1) } }, 'narrative.plan', 'Phương hướng 6 tháng tới: quá dài (tối đa 10.000 ký tự, hiện có 10.001).'],
    ['models as an array', { models: [] }, 'models', 'Mô hình học tập: dữ liệu không đúng dạng (phải là một đối tượng).'],
    ['a model as a string', { models: { FAMILY: '12' } }, 'models.FAMILY', 'Gia đình học tập: dữ liệu không đúng dạng (phải là một đối tượng).'],
    ['fund sources as a number', { fund: { mobilised: 5 } }, 'fund.mobilised', 'Quỹ – vận động trong kỳ: dữ liệu không đúng dạng (phải là một đối tượng).'],
    ['an award group as an array', { awards: { SCHOLARSHIP: { LIFELONG_LEARNER: [] } } }, 'awards.SCHOLARSHIP.LIFELONG_LEARNER', 'Học bổng – học tập suốt đời, tự học thành tài: dữ liệu không đúng dạng (phải là một đối tượng).'],
    ['an unknown section', { fundd: { opening: 1 } }, '', 'Dữ liệu báo cáo có mục không xác định: “fundd”.'],
    ['not an object', [], '', 'Dữ liệu báo cáo không đúng dạng (phải là một đối tượng).'],
    ['null body', null, '', 'Dữ liệu báo cáo không đúng dạng (phải là một đối tượng).'],
    ['a string body', '{}', '', 'Dữ liệu báo cáo không đúng dạng (phải là một đối tượng).'],
  ];

  it.each(cases)('%s', (_, input, path, message) => {
    expect(issuesOf(input)).toEqual([[path, message]]);
  });

  it('reports every refused field at once, in input order', () => {
    expect(
      issuesOf({
        models: { FAMILY: { total: '1.234.567', registered: -1, recognised: '1,5' } },
        membership: { members: 'abc' },
        zz: 1,
        qq: 2,
      }),
    ).toEqual([
      ['models.FAMILY.registered', 'Gia đình học tập – đã đăng ký: không được âm.'],
      ['models.FAMILY.recognised', 'Gia đình học tập – đạt danh hiệu: phải là số nguyên, không có phần thập phân.'],
      ['membership.members', 'Số hội viên: chỉ được gồm các chữ số.'],
      ['', 'Dữ liệu báo cáo có mục không xác định: “zz”, “qq”.'],
    ]);
  });
});

describe('fieldErrorsOf', () => {
  it('maps each catalogue path to its message, the whole body under ""', () => {
    const r = ReportDataSchema.safeParse({ fund: { opening: -1, closing: 'x' }, extra: true });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(fieldErrorsOf(r.error)).toEqual({
      'fund.opening': 'Quỹ – số dư đầu kỳ: không được âm.',
      'fund.closing': 'Quỹ – số dư cuối kỳ: chỉ được gồm các chữ số.',
      '': 'Dữ liệu báo cáo có mục không xác định: “extra”.',
    });
  });

  it('keeps the first message when a path has several', () => {
    const error = new z.ZodError([
      { code: 'custom', path: ['membership', 'members'], message: 'một', input: 1 },
      { code: 'custom', path: ['membership', 'members'], message: 'hai', input: 1 },
    ]);
    expect(fieldErrorsOf(error)).toEqual({ 'membership.members': 'một' });
  });
});

describe('parseFieldValue', () => {
  it('parses one input as the schema does', () => {
    expect(parseFieldValue('models.FAMILY.total', '1.200')).toEqual({ ok: true, value: 1200 });
    expect(parseFieldValue('fund.opening', '185.600.000.000')).toEqual({ ok: true, value: 185_600_000_000n });
    expect(parseFieldValue('fund.opening', '')).toEqual({ ok: true, value: null });
    expect(parseFieldValue('narrative.results', ' Tốt ')).toEqual({ ok: true, value: 'Tốt' });
    expect(parseFieldValue('models.FAMILY.registered', '-3')).toEqual({
      ok: false,
      message: 'Gia đình học tập – đã đăng ký: không được âm.',
    });
  });

  it('throws on a path outside the catalogue', () => {
    expect(() => parseFieldValue('models.FAMILY.rate', '1')).toThrow(RangeError);
  });
});

describe('reportDataToJson', () => {
  it('gives amounts as exact numbers and keeps nulls', () => {
    const d = sampleReport();
    d.fund.closing = MAX_AMOUNT;
    d.membership.branches = null;
    const json = reportDataToJson(d);
    expect(json.fund.opening).toBe(185_600_000_000);
    expect(json.fund.mobilised.ENTERPRISE).toBe(40_000_000_000);
    expect(json.fund.closing).toBe(1_000_000_000_000_000);
    expect(json.awards.SCHOLARSHIP.EXCELLENT_STUDENT).toEqual({ recipients: 1000, amount: 1_500_000_000 });
    expect(json.membership).toEqual({ members: 542_467, newMembers: 12_000, branches: null });
    expect(json.narrative).toEqual(d.narrative);
    expect(reportDataToJson(emptyReportData()).fund.opening).toBeNull();
    expect(() => JSON.stringify(json)).not.toThrow();
  });

  it('refuses an amount a JSON number cannot carry exactly', () => {
    const d = emptyReportData();
    d.fund.spent = 2n ** 53n + 1n;
    expect(() => reportDataToJson(d)).toThrow(RangeError);
  });

  it('round-trips: ReportData → JSON text → ReportDataSchema → equal', () => {
    for (const d of [sampleReport(), emptyReportData()]) {
      const text = JSON.stringify(reportDataToJson(d));
      expect(ReportDataSchema.parse(JSON.parse(text))).toEqual(d);
    }
  });
});

describe('flattenReportData and unflattenReportInput', () => {
  it('gives form values with vi-VN grouping, "" for empty figures', () => {
    const d = sampleReport();
    d.models.UNIT.total = null;
    const flat = flattenReportData(d);
    expect(Object.keys(flat)).toEqual(REPORT_FIELDS.map((f) => f.path));
    expect(flat['models.FAMILY.recognised']).toBe('284.585');
    expect(flat['models.UNIT.total']).toBe('');
    expect(flat['models.CLAN.total']).toBe('4.000');
    expect(flat['fund.opening']).toBe('185.600.000.000');
    expect(flat['membership.branches']).toBe('6.100');
    expect(flat['centres.centres']).toBe('126');
    expect(flat['narrative.results']).toBe('Hoàn thành các chỉ tiêu.');
    expect(flat['narrative.limitations']).toBe('');
  });

  it('formats zero as "0", not as empty', () => {
    const d = emptyReportData();
    d.fund.spent = 0n;
    d.membership.newMembers = 0;
    expect(flattenReportData(d)['fund.spent']).toBe('0');
    expect(flattenReportData(d)['membership.newMembers']).toBe('0');
  });

  it('nests flat form values by catalogue path, leaving other keys out', () => {
    expect(
      unflattenReportInput({
        'models.FAMILY.total': '1.200',
        'fund.mobilised.OTHER': '5',
        'narrative.plan': 'Kế hoạch',
        $ACTION_ID_abc: '',
        version: '3',
        'models.FAMILY.colour': 'red',
      }),
    ).toEqual({
      models: { FAMILY: { total: '1.200' } },
      fund: { mobilised: { OTHER: '5' } },
      narrative: { plan: 'Kế hoạch' },
    });
  });

  it('round-trips: ReportData → form values → ReportDataSchema → equal', () => {
    const d = sampleReport();
    d.awards.REWARD.TALENTED_WORKER = { recipients: null, amount: 0n };
    expect(ReportDataSchema.parse(unflattenReportInput(flattenReportData(d)))).toEqual(d);
  });
});

describe('diffReportData', () => {
  it('is empty for equal reports', () => {
    expect(diffReportData(sampleReport(), sampleReport())).toEqual([]);
  });

  it('lists changed figures in catalogue order with plain digit strings, null for empty', () => {
    const before = sampleReport();
    const after = sampleReport();
    after.narrative.limitations = 'Thiếu kinh phí.';
    after.membership.members = 542_468;
    after.fund.opening = 185_600_000_001n;
    after.models.CLAN.total = null;
    after.narrative.plan = '';
    expect(diffReportData(before, after)).toEqual([
      { path: 'models.CLAN.total', before: '4000', after: null },
      { path: 'fund.opening', before: '185600000000', after: '185600000001' },
      { path: 'membership.members', before: '542467', after: '542468' },
      { path: 'narrative.limitations', before: null, after: 'Thiếu kinh phí.' },
      { path: 'narrative.plan', before: 'Tiếp tục vận động.', after: null },
    ]);
  });

  it('lists every entered figure when a report is first saved', () => {
    const changes = diffReportData(emptyReportData(), sampleReport());
    // 56 fields, limitations left empty.
    expect(changes).toHaveLength(55);
    expect(changes[0]).toEqual({ path: 'models.FAMILY.total', before: null, after: '350000' });
    expect(changes.find((c) => c.path === 'fund.closing')).toEqual({ path: 'fund.closing', before: null, after: '199600000000' });
  });

  it('sees 0 and empty as different', () => {
    const before = emptyReportData();
    const after = emptyReportData();
    after.fund.spent = 0n;
    expect(diffReportData(before, after)).toEqual([{ path: 'fund.spent', before: null, after: '0' }]);
  });
});

describe('the schema covers the catalogue', () => {
  it('reads every catalogue field from a flat form, and nothing else', () => {
    const flat: Record<string, string> = {};
    REPORT_FIELDS.forEach((f, i) => {
      flat[f.path] = f.kind === 'text' ? `văn bản ${i}` : String(i + 1);
    });
    const d = ReportDataSchema.parse(unflattenReportInput(flat));
    REPORT_FIELDS.forEach((f, i) => {
      const expected = f.kind === 'text' ? `văn bản ${i}` : f.kind === 'amount' ? BigInt(i + 1) : i + 1;
      expect(getFieldValue(d, f.path)).toBe(expected);
    });
    expect(FUND_SOURCES.every((s) => d.fund.mobilised[s] !== null)).toBe(true);
  });
});
