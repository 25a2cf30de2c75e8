import { describe, expect, it } from 'vitest';
import { actionLabel, auditLogHref, describeAuditRow, entityTypesOf, fieldLabel, readAuditLogFilter, type AuditRow } from './audit-log-view';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('the log filter in the address', () => {
  it('reads the object, the days and the page, and writes them back', () => {
    const { filter, problems } = readAuditLogFilter({ 'doi-tuong': 'muc-tieu', tu: '2026-11-01', den: '2026-11-30', trang: '3' });
    expect(problems).toEqual([]);
    expect(filter).toEqual({ object: 'muc-tieu', from: day('2026-11-01'), to: day('2026-11-30'), page: 3 });
    expect(auditLogHref(filter)).toBe('/quan-tri/nhat-ky?doi-tuong=muc-tieu&tu=2026-11-01&den=2026-11-30&trang=3');
    expect(auditLogHref({ page: 1 })).toBe('/quan-tri/nhat-ky');
    expect(entityTypesOf('muc-tieu')).toEqual(['NationalTarget']);
    expect(entityTypesOf(null)).toBeNull();
  });

  it('says what it could not read and shows the log anyway', () => {
    const { filter, problems } = readAuditLogFilter({ 'doi-tuong': 'khong-co', tu: '2026-02-30', den: '2026-01-01', trang: 'x' });
    expect(filter).toEqual({ object: null, from: null, to: day('2026-01-01'), page: 1 });
    expect(problems).toEqual([
      'Không có loại đối tượng “khong-co”: hiện mọi đối tượng.',
      'Từ ngày “2026-02-30” không phải một ngày (năm-tháng-ngày): bỏ qua.',
      'Trang “x” không hợp lệ: hiện trang 1.',
    ]);
    expect(readAuditLogFilter({ tu: '2026-12-31', den: '2026-01-01' })).toEqual({
      filter: { object: null, from: day('2026-01-01'), to: day('2026-12-31'), page: 1 },
      problems: ['Từ ngày sau đến ngày: đã đổi chỗ hai ngày.'],
    });
  });
});

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: '1',
  at: new Date('2026-11-20T03:00:00Z'),
  actorName: 'Quản trị viên',
  actorEmail: 'admin@demo.khuyenhoc.vn',
  action: 'target.update',
  entityType: 'NationalTarget',
  entityId: 't',
  field: null,
  oldValue: null,
  newValue: null,
  details: null,
  reportProvince: null,
  reportPeriod: null,
  ...over,
});

describe('a row in words', () => {
  it('names a report by its province and period, and a figure by its label', () => {
    expect(
      describeAuditRow(row({ action: 'report.update', entityType: 'Report', field: 'models.FAMILY.total', oldValue: '100', newValue: '120', reportProvince: 'Hưng Yên', reportPeriod: '2026S2' })),
    ).toMatchObject({ what: 'Sửa số liệu', object: 'Báo cáo', about: 'Hưng Yên – 2026S2', field: 'Gia đình học tập – tổng số (hộ gia đình)', oldValue: '100', newValue: '120' });
  });

  it('gives the reason or the comment, and never a password', () => {
    expect(describeAuditRow(row({ action: 'report.return', entityType: 'Report', details: { comment: 'Thiếu số liệu quỹ' } })).reason).toBe('Thiếu số liệu quỹ');
    expect(describeAuditRow(row({ action: 'cluster.member.delete', entityType: 'ClusterMembership', details: { reason: 'Nhập nhầm', cluster: 'CUM3', province: '33' } }))).toMatchObject({
      what: 'Xoá thành viên cụm nhập nhầm',
      object: 'Thành viên cụm',
      about: 'CUM3 – 33',
      reason: 'Nhập nhầm',
    });
    expect(describeAuditRow(row({ action: 'user.password.reset', entityType: 'User', field: 'password', newValue: 'x', details: { email: 'a@b.vn' } }))).toMatchObject({
      about: 'a@b.vn',
      field: 'Mật khẩu',
      newValue: null,
    });
  });

  it('shows the system as the actor of rows without one, and unknown actions as they are', () => {
    expect(describeAuditRow(row({ actorName: null, actorEmail: null, action: 'reference.targets.load' }))).toMatchObject({ actor: null, what: 'Nạp mục tiêu quốc gia kèm theo cổng' });
    expect(actionLabel('cluster.region.update')).toBe('Sửa thông tin cụm');
    expect(actionLabel('something.new')).toBe('something.new');
    expect(fieldLabel('Setting', 'awardAverageMax')).toBe('Bình quân cao nhất mỗi người nhận');
    expect(fieldLabel('NationalTarget', 'rateBp')).toBe('Tỷ lệ mục tiêu');
  });
});
