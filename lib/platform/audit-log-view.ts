// The administration log as people read it: which objects it can be filtered by, the filter read
// from the page's address, and each audit row said in Vietnamese (what was done, to what, old →
// new, why). Pure: the rows come from ./audit-log.ts.
import { z } from 'zod';
import { REPORT_FIELD_BY_PATH } from '../reports/fields';
import { THRESHOLD_SETTING_BY_NAME, type ThresholdName } from '../reference/settings';

/** The objects of the filter, by the key the address carries (?doi-tuong=muc-tieu), with the entity types they cover. */
export const AUDIT_OBJECTS = [
  { key: 'bao-cao', label: 'Báo cáo', types: ['Report'] },
  { key: 'tai-khoan', label: 'Tài khoản', types: ['User'] },
  { key: 'ma-truy-cap', label: 'Mã truy cập API', types: ['ApiToken'] },
  { key: 'tinh', label: 'Tỉnh, thành phố', types: ['Province'] },
  { key: 'cum', label: 'Cụm', types: ['Cluster'] },
  { key: 'thanh-vien-cum', label: 'Thành viên cụm', types: ['ClusterMembership'] },
  { key: 'cum-truong', label: 'Nhiệm kỳ cụm trưởng', types: ['ClusterLeaderTerm'] },
  { key: 'ky-bao-cao', label: 'Kỳ báo cáo', types: ['Period'] },
  { key: 'gia-han', label: 'Gia hạn nộp báo cáo', types: ['DeadlineExtension'] },
  { key: 'muc-tieu', label: 'Mục tiêu quốc gia', types: ['NationalTarget'] },
  { key: 'cai-dat', label: 'Ngưỡng kiểm tra (cài đặt)', types: ['Setting'] },
] as const;

export type AuditObjectKey = (typeof AUDIT_OBJECTS)[number]['key'];

const OBJECT_OF_TYPE = new Map<string, string>(AUDIT_OBJECTS.flatMap((o) => o.types.map((t) => [t, o.label] as const)));

export const AUDIT_PAGE_SIZE = 50;

export type AuditLogFilter = {
  object: AuditObjectKey | null;
  /** Vietnamese calendar days, inclusive. */
  from: Date | null;
  to: Date | null;
  page: number;
};

const dayParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => new Date(`${s}T00:00:00.000Z`).toISOString().slice(0, 10) === s)
  .transform((s) => new Date(`${s}T00:00:00.000Z`));

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/**
 * The filter in the page's address: ?doi-tuong=…&tu=YYYY-MM-DD&den=YYYY-MM-DD&trang=2. What cannot
 * be read is left out and said in `problems`, so a mistyped address still shows the log.
 */
export function readAuditLogFilter(params: Record<string, string | string[] | undefined>): { filter: AuditLogFilter; problems: string[] } {
  const problems: string[] = [];
  const objectKey = first(params['doi-tuong']);
  const object = objectKey ? (AUDIT_OBJECTS.find((o) => o.key === objectKey)?.key ?? null) : null;
  if (objectKey && !object) problems.push(`Không có loại đối tượng “${objectKey}”: hiện mọi đối tượng.`);
  const day = (name: string, label: string) => {
    const raw = first(params[name]);
    if (!raw) return null;
    const parsed = dayParam.safeParse(raw);
    if (!parsed.success) problems.push(`${label} “${raw}” không phải một ngày (năm-tháng-ngày): bỏ qua.`);
    return parsed.success ? parsed.data : null;
  };
  let from = day('tu', 'Từ ngày');
  let to = day('den', 'Đến ngày');
  if (from && to && from > to) {
    problems.push('Từ ngày sau đến ngày: đã đổi chỗ hai ngày.');
    [from, to] = [to, from];
  }
  const pageRaw = first(params.trang);
  const page = pageRaw && /^\d{1,6}$/.test(pageRaw) && Number(pageRaw) >= 1 ? Number(pageRaw) : 1;
  if (pageRaw && page === 1 && pageRaw !== '1') problems.push(`Trang “${pageRaw}” không hợp lệ: hiện trang 1.`);
  return { filter: { object, from, to, page }, problems };
}

/** The address of the log with this filter (null fields left out). */
export function auditLogHref(filter: Partial<AuditLogFilter>): string {
  const q = new URLSearchParams();
  if (filter.object) q.set('doi-tuong', filter.object);
  if (filter.from) q.set('tu', filter.from.toISOString().slice(0, 10));
  if (filter.to) q.set('den', filter.to.toISOString().slice(0, 10));
  if (filter.page && filter.page > 1) q.set('trang', String(filter.page));
  const s = q.toString();
  return s ? `/quan-tri/nhat-ky?${s}` : '/quan-tri/nhat-ky';
}

/** The entity types of a filter's object; null: every type. */
export function entityTypesOf(object: AuditObjectKey | null): readonly string[] | null {
  return object ? AUDIT_OBJECTS.find((o) => o.key === object)!.types : null;
}

// ---------------------------------------------------------------------------------------------
// One row in words

const ACTION_LABELS: Record<string, string> = {
  'report.create': 'Tạo báo cáo',
  'report.import': 'Nhập lịch sử',
  'report.update': 'Sửa số liệu',
  'report.submit': 'Gửi báo cáo',
  'report.approve': 'Duyệt báo cáo',
  'report.return': 'Trả lại báo cáo',
  'report.reopen': 'Mở lại báo cáo',
  'user.create': 'Tạo tài khoản',
  'user.access.update': 'Đổi vai trò, phạm vi',
  'user.deactivate': 'Khoá tài khoản',
  'user.reactivate': 'Mở khoá tài khoản',
  'user.password.reset': 'Đặt lại mật khẩu',
  'user.password.change': 'Đổi mật khẩu',
  'apiToken.create': 'Tạo mã truy cập API',
  'apiToken.revoke': 'Thu hồi mã truy cập API',
  'province.create': 'Thêm tỉnh, thành phố',
  'province.update': 'Sửa tỉnh, thành phố',
  'cluster.create': 'Tạo cụm',
  'cluster.note.update': 'Sửa ghi chú của cụm',
  'cluster.member.add': 'Thêm tỉnh vào cụm',
  'cluster.member.end': 'Kết thúc thành viên cụm',
  'cluster.member.update': 'Sửa ngày thành viên cụm',
  'cluster.member.delete': 'Xoá thành viên cụm nhập nhầm',
  'cluster.leader.add': 'Thêm nhiệm kỳ cụm trưởng',
  'cluster.leader.update': 'Sửa nhiệm kỳ cụm trưởng',
  'cluster.leader.delete': 'Xoá nhiệm kỳ cụm trưởng nhập nhầm',
  'period.create': 'Tạo kỳ báo cáo',
  'period.deadline': 'Đổi hạn nộp',
  'period.lock': 'Khoá sổ kỳ báo cáo',
  'period.unlock': 'Mở khoá sổ kỳ báo cáo',
  'period.extension.set': 'Gia hạn nộp cho tỉnh',
  'period.extension.remove': 'Bỏ gia hạn của tỉnh',
  'target.create': 'Thêm mục tiêu',
  'target.update': 'Sửa mục tiêu',
  'target.end': 'Kết thúc mục tiêu',
  'target.reopen': 'Cho mục tiêu hiệu lực lại',
  'reference.targets.load': 'Nạp mục tiêu quốc gia kèm theo cổng',
  'setting.update': 'Đổi ngưỡng kiểm tra',
  'setting.reset': 'Đưa ngưỡng kiểm tra về mặc định',
  'seed.demo': 'Nạp dữ liệu mẫu',
};

/** What an action did, in Vietnamese; an action the list does not know is shown as it is. */
export function actionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  if (/^cluster\.\w+\.update$/.test(action)) return 'Sửa thông tin cụm';
  return action;
}

const FIELD_LABELS: Record<string, string> = {
  code: 'Mã',
  name: 'Tên',
  note: 'Ghi chú',
  region: 'Vùng',
  validFrom: 'Hiệu lực từ',
  validTo: 'Hiệu lực đến',
  successorId: 'Tỉnh kế thừa',
  deadline: 'Hạn nộp',
  locked: 'Khoá sổ',
  role: 'Vai trò',
  provinceId: 'Tỉnh, thành phố',
  clusterId: 'Cụm',
  active: 'Đang hoạt động',
  password: 'Mật khẩu',
  termLabel: 'Nhiệm kỳ',
  rateBp: 'Tỷ lệ mục tiêu',
  description: 'Nội dung',
  source: 'Căn cứ',
};

/** The changed field's name in Vietnamese: a report figure's label, a threshold's, or a column's. */
export function fieldLabel(entityType: string, field: string | null): string | null {
  if (field === null) return null;
  if (entityType === 'Report') return REPORT_FIELD_BY_PATH.get(field)?.label ?? field;
  if (entityType === 'Setting') return THRESHOLD_SETTING_BY_NAME[field as ThresholdName]?.label ?? field;
  return FIELD_LABELS[field] ?? field;
}

export type AuditRow = {
  id: string;
  at: Date;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  details: unknown;
  /** For a report's rows: its province and period, joined by the query. */
  reportProvince: string | null;
  reportPeriod: string | null;
};

export type AuditLogEntry = {
  id: string;
  at: Date;
  /** Who: the account's name and e-mail; null for the system (seed, start-up, command line). */
  actor: { name: string; email: string } | null;
  what: string;
  /** The object's kind ("Báo cáo") and which one ("Hưng Yên – 2026S2"). */
  object: string;
  about: string | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
};

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

/** Which object a row is about, from what its writer put in it. */
function aboutOf(row: AuditRow, d: Record<string, unknown>): string | null {
  if (row.entityType === 'Report') return row.reportProvince && row.reportPeriod ? `${row.reportProvince} – ${row.reportPeriod}` : null;
  if (row.entityType === 'User') return text(d.email) ?? (row.action === 'user.create' ? row.newValue : null);
  if (row.entityType === 'NationalTarget') return text(d.target) ?? (row.action === 'target.create' ? row.newValue : null);
  if (row.entityType === 'Setting') return text(d.label);
  const province = text(d.provinceName) ?? text(d.province);
  const parts = [text(d.period), text(d.cluster), province, text(d.termLabel), text(d.name)].filter((x): x is string => x !== null);
  return parts.length ? [...new Set(parts)].join(' – ') : null;
}

/** An audit row said in words, for the log page. */
export function describeAuditRow(row: AuditRow): AuditLogEntry {
  const d = row.details && typeof row.details === 'object' && !Array.isArray(row.details) ? (row.details as Record<string, unknown>) : {};
  const field = fieldLabel(row.entityType, row.field);
  // A created object shows what it is as "new"; a password is never shown, only that it changed.
  const secret = row.field === 'password';
  return {
    id: row.id,
    at: row.at,
    actor: row.actorName !== null ? { name: row.actorName, email: row.actorEmail ?? '' } : null,
    what: actionLabel(row.action),
    object: OBJECT_OF_TYPE.get(row.entityType) ?? row.entityType,
    about: aboutOf(row, d),
    field,
    oldValue: secret ? null : row.oldValue,
    newValue: secret ? null : row.newValue,
    reason: text(d.reason) ?? text(d.comment),
  };
}
