import { describe, expect, it } from 'vitest';
import { reportFormErrors } from './form-errors';

describe('reportFormErrors', () => {
  it('names each wrong figure by its catalogue label, in form order, with the reason alone', () => {
    const items = reportFormErrors({
      'data.fund.opening': ['Quỹ – số dư đầu kỳ: số quá lớn (tối đa 1.000.000.000.000.000).'],
      'data.models.CLAN.registered': ['Dòng họ học tập – đã đăng ký: chỉ được gồm các chữ số.'],
      'data.models.CLAN.total': ['Dòng họ học tập – tổng số (dòng họ): không được âm.'],
    });
    expect(items.map((i) => [i.field, i.label, i.messages])).toEqual([
      ['models.CLAN.total', 'Dòng họ học tập – tổng số (dòng họ)', ['không được âm.']],
      ['models.CLAN.registered', 'Dòng họ học tập – đã đăng ký', ['chỉ được gồm các chữ số.']],
      ['fund.opening', 'Quỹ – số dư đầu kỳ', ['số quá lớn (tối đa 1.000.000.000.000.000).']],
    ]);
  });

  it('reads the submission checks (keyed without "data.") the same way, and keeps a rule message whole', () => {
    const items = reportFormErrors({
      'models.FAMILY.registered': ['Gia đình học tập: số đã đăng ký (1.250) lớn hơn tổng số (1.200).'],
      'membership.members': ['Số hội viên: chưa nhập.', 'Số hội viên: chưa nhập.'],
      'explanations.fund.balance': ['Cần giải trình: Quỹ khuyến học không cân đối.'],
      version: ['Phiên bản phải là một số nguyên.'],
    });
    expect(items[0]).toMatchObject({ field: null, explanation: null, label: 'Báo cáo', messages: ['Phiên bản phải là một số nguyên.'] });
    expect(items[1]).toMatchObject({ field: 'models.FAMILY.registered', messages: ['Gia đình học tập: số đã đăng ký (1.250) lớn hơn tổng số (1.200).'] });
    expect(items[2]).toMatchObject({ field: 'membership.members', label: 'Số hội viên', messages: ['chưa nhập.'] });
    expect(items[3]).toMatchObject({ field: null, explanation: 'fund.balance', label: 'Giải trình cảnh báo' });
  });

  it('lists nothing when nothing is wrong', () => {
    expect(reportFormErrors({})).toEqual([]);
    expect(reportFormErrors({ 'data.models.CLAN.total': [] })).toEqual([]);
  });
});
