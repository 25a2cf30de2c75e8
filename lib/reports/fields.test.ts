import { describe, expect, it } from 'vitest';
import {
  MODEL_FIGURE_KEYS,
  REPORT_FIELDS,
  REPORT_FIELD_BY_PATH,
  REPORT_GROUP_LABELS,
  REPORT_SECTIONS,
  SECTION_LABELS,
  reportField,
} from './fields';

const label = (path: string) => REPORT_FIELD_BY_PATH.get(path)?.label;

describe('REPORT_FIELDS', () => {
  it('has 5×3 model figures, 8 fund figures, 3×4×2 award figures, 3 membership, 3 centre and 3 narrative fields', () => {
    const bySection = (s: string) => REPORT_FIELDS.filter((f) => f.section === s).length;
    expect(bySection('models')).toBe(15);
    expect(bySection('fund')).toBe(8);
    expect(bySection('awards')).toBe(24);
    expect(bySection('membership')).toBe(3);
    expect(bySection('centres')).toBe(3);
    expect(bySection('narrative')).toBe(3);
    expect(REPORT_FIELDS).toHaveLength(56);
  });

  it('lists the paths in form order, sections in REPORT_SECTIONS order', () => {
    expect(REPORT_FIELDS.slice(0, 4).map((f) => f.path)).toEqual([
      'models.FAMILY.total',
      'models.FAMILY.registered',
      'models.FAMILY.recognised',
      'models.CLAN.total',
    ]);
    expect(REPORT_FIELDS.filter((f) => f.section === 'fund').map((f) => f.path)).toEqual([
      'fund.opening',
      'fund.mobilised.ENTERPRISE',
      'fund.mobilised.INDIVIDUAL',
      'fund.mobilised.ORGANISATION',
      'fund.mobilised.CLAN',
      'fund.mobilised.OTHER',
      'fund.spent',
      'fund.closing',
    ]);
    expect(REPORT_FIELDS.filter((f) => f.section === 'awards').slice(0, 3).map((f) => f.path)).toEqual([
      'awards.SCHOLARSHIP.EXCELLENT_STUDENT.recipients',
      'awards.SCHOLARSHIP.EXCELLENT_STUDENT.amount',
      'awards.SCHOLARSHIP.DISADVANTAGED_STUDENT.recipients',
    ]);
    expect(REPORT_FIELDS.slice(-9).map((f) => f.path)).toEqual([
      'membership.members',
      'membership.newMembers',
      'membership.branches',
      'centres.centres',
      'centres.classes',
      'centres.learners',
      'narrative.results',
      'narrative.limitations',
      'narrative.plan',
    ]);
    const sectionOrder = [...new Set(REPORT_FIELDS.map((f) => f.section))];
    expect(sectionOrder).toEqual([...REPORT_SECTIONS]);
  });

  it('has unique paths, each a key of REPORT_FIELD_BY_PATH', () => {
    expect(new Set(REPORT_FIELDS.map((f) => f.path)).size).toBe(REPORT_FIELDS.length);
    expect(REPORT_FIELD_BY_PATH.size).toBe(REPORT_FIELDS.length);
    for (const f of REPORT_FIELDS) expect(REPORT_FIELD_BY_PATH.get(f.path)).toBe(f);
  });

  it('types model, count and narrative figures as counts and money as amounts', () => {
    expect(REPORT_FIELD_BY_PATH.get('models.CITIZEN.recognised')?.kind).toBe('count');
    expect(REPORT_FIELD_BY_PATH.get('fund.mobilised.CLAN')?.kind).toBe('amount');
    expect(REPORT_FIELD_BY_PATH.get('awards.REWARD.LIFELONG_LEARNER.recipients')?.kind).toBe('count');
    expect(REPORT_FIELD_BY_PATH.get('awards.REWARD.LIFELONG_LEARNER.amount')?.kind).toBe('amount');
    expect(REPORT_FIELD_BY_PATH.get('centres.learners')?.kind).toBe('count');
    expect(REPORT_FIELD_BY_PATH.get('narrative.plan')?.kind).toBe('text');
    const amounts = REPORT_FIELDS.filter((f) => f.kind === 'amount').map((f) => f.path);
    expect(amounts).toHaveLength(8 + 12);
    expect(amounts.every((p) => p.startsWith('fund.') || p.endsWith('.amount'))).toBe(true);
  });

  it('requires every number and the results text, not limitations or plan', () => {
    const optional = REPORT_FIELDS.filter((f) => !f.required).map((f) => f.path);
    expect(optional).toEqual(['narrative.limitations', 'narrative.plan']);
    expect(REPORT_FIELD_BY_PATH.get('narrative.results')?.required).toBe(true);
  });

  it('labels figures in Vietnamese, naming the model, source, kind and group', () => {
    expect(label('models.FAMILY.total')).toBe('Gia đình học tập – tổng số (hộ gia đình)');
    expect(label('models.FAMILY.registered')).toBe('Gia đình học tập – đã đăng ký');
    expect(label('models.FAMILY.recognised')).toBe('Gia đình học tập – đạt danh hiệu');
    expect(label('models.COMMUNITY.total')).toBe('Cộng đồng học tập – tổng số (thôn, tổ dân phố)');
    expect(label('models.CITIZEN.total')).toBe('Công dân học tập – tổng số (người)');
    expect(label('fund.opening')).toBe('Quỹ – số dư đầu kỳ');
    expect(label('fund.mobilised.ENTERPRISE')).toBe('Quỹ – vận động từ doanh nghiệp');
    expect(label('fund.mobilised.OTHER')).toBe('Quỹ – vận động từ nguồn khác');
    expect(label('fund.spent')).toBe('Quỹ – đã chi trong kỳ');
    expect(label('fund.closing')).toBe('Quỹ – số dư cuối kỳ');
    expect(label('awards.SCHOLARSHIP.EXCELLENT_STUDENT.recipients')).toBe('Học bổng – học sinh giỏi – số người nhận');
    expect(label('awards.SCHOLARSHIP.EXCELLENT_STUDENT.amount')).toBe('Học bổng – học sinh giỏi – số tiền (đồng)');
    expect(label('awards.REWARD.LIFELONG_LEARNER.amount')).toBe(
      'Khen thưởng – học tập suốt đời, tự học thành tài – số tiền (đồng)',
    );
    expect(label('membership.members')).toBe('Số hội viên');
    expect(label('membership.newMembers')).toBe('Hội viên mới kết nạp');
    expect(label('membership.branches')).toBe('Số chi hội');
    expect(label('centres.centres')).toBe('Số trung tâm học tập cộng đồng');
    expect(label('centres.classes')).toBe('Số lớp học');
    expect(label('centres.learners')).toBe('Số lượt người học');
    expect(label('narrative.results')).toBe('Kết quả đạt được');
    expect(label('narrative.limitations')).toBe('Hạn chế');
    expect(label('narrative.plan')).toBe('Phương hướng 6 tháng tới');
  });

  it('gives every figure a unique label and a short label, all in NFC', () => {
    expect(new Set(REPORT_FIELDS.map((f) => f.label)).size).toBe(REPORT_FIELDS.length);
    for (const f of REPORT_FIELDS) {
      expect(f.shortLabel.length).toBeGreaterThan(0);
      expect(f.label).toBe(f.label.normalize('NFC'));
      expect(f.shortLabel).toBe(f.shortLabel.normalize('NFC'));
      if (f.help) expect(f.help).toBe(f.help.normalize('NFC'));
    }
    expect(REPORT_FIELD_BY_PATH.get('models.UNIT.registered')?.shortLabel).toBe('Đã đăng ký');
    expect(REPORT_FIELD_BY_PATH.get('fund.mobilised.INDIVIDUAL')?.shortLabel).toBe('Cá nhân');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(REPORT_FIELDS)).toBe(true);
    expect(Object.isFrozen(REPORT_FIELDS[0])).toBe(true);
  });
});

describe('labels of sections and groups', () => {
  it('labels the six sections', () => {
    expect(SECTION_LABELS).toEqual({
      models: 'Mô hình học tập',
      fund: 'Quỹ khuyến học',
      awards: 'Học bổng, hỗ trợ, khen thưởng',
      membership: 'Hội viên, chi hội',
      centres: 'Trung tâm học tập cộng đồng',
      narrative: 'Đánh giá chung',
    });
  });

  it('labels every group above a figure', () => {
    const prefixes = new Set(
      REPORT_FIELDS.flatMap((f) => {
        const parts = f.path.split('.');
        return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
      }),
    );
    expect([...prefixes].sort()).toEqual([...REPORT_GROUP_LABELS.keys()].sort());
    expect(REPORT_GROUP_LABELS.get('models.CLAN')).toBe('Dòng họ học tập');
    expect(REPORT_GROUP_LABELS.get('fund.mobilised')).toBe('Quỹ – vận động trong kỳ');
    expect(REPORT_GROUP_LABELS.get('awards.SUPPORT')).toBe('Hỗ trợ');
    expect(REPORT_GROUP_LABELS.get('awards.SUPPORT.DISADVANTAGED_STUDENT')).toBe('Hỗ trợ – học sinh nghèo vượt khó');
    expect(REPORT_GROUP_LABELS.get('centres')).toBe('Trung tâm học tập cộng đồng');
  });

  it('exposes the model figure keys', () => {
    expect(MODEL_FIGURE_KEYS).toEqual(['total', 'registered', 'recognised']);
  });
});

describe('reportField', () => {
  it('returns the entry of a known path and throws on an unknown one', () => {
    expect(reportField('fund.closing').label).toBe('Quỹ – số dư cuối kỳ');
    expect(() => reportField('fund.closed')).toThrow('Unknown report field path: fund.closed');
    expect(() => reportField('models.FAMILY')).toThrow(RangeError);
  });
});
