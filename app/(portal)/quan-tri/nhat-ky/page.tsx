import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditLogFilterForm, AuditLogList } from '@/components/admin/log/audit-log-list';
import { BackLink } from '@/components/ui/back-link';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { listAuditLog } from '@/lib/platform/audit-log';
import { AUDIT_OBJECTS, AUDIT_PAGE_SIZE, auditLogHref, readAuditLogFilter } from '@/lib/platform/audit-log-view';
import { formatInteger } from '@/lib/format';

export const metadata: Metadata = { title: 'Nhật ký quản trị' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export default async function AuditLogPage({ searchParams }: Props) {
  const user = await requireUser();
  ensure(canManageReferenceData(user));
  const { filter, problems } = readAuditLogFilter(await searchParams);
  const log = await listAuditLog(getDb(), user, filter);
  const first = (log.page - 1) * AUDIT_PAGE_SIZE + 1;
  const last = first + log.entries.length - 1;

  return (
    <section className="space-y-5">
      <div>
        <BackLink href="/quan-tri">‹ Quản trị</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Nhật ký quản trị</h1>
        <p className="mt-1 text-slate-600">Mọi thay đổi trên cổng, mới nhất trước: ai, lúc nào, làm gì, giá trị cũ → mới, và lý do khi có. Nhật ký không sửa hay xoá được.</p>
      </div>
      <AuditLogFilterForm objects={AUDIT_OBJECTS} value={{ object: filter.object ?? '', from: isoDay(filter.from), to: isoDay(filter.to) }} />
      {problems.length ? (
        <ul role="status" className="list-disc rounded-md border border-amber-300 bg-amber-50 p-3 pl-8 text-sm text-amber-900">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <p className="text-sm text-slate-700" data-testid="audit-count">
        {log.entries.length
          ? `Dòng ${formatInteger(first)}–${formatInteger(last)} trong ${formatInteger(log.total)} dòng.`
          : log.total
            ? `Trang ${log.page} không có dòng nào: có ${formatInteger(log.total)} dòng trong ${log.pages} trang.`
            : ''}
      </p>
      <AuditLogList entries={log.entries} />
      {log.pages > 1 ? (
        <nav aria-label="Các trang nhật ký" className="flex flex-wrap items-center gap-3 text-sm">
          {log.page > 1 ? (
            <Link href={auditLogHref({ ...filter, page: Math.min(log.page - 1, log.pages) })} className="font-medium text-brand-700 hover:underline" rel="prev">
              ‹ Trang trước
            </Link>
          ) : null}
          <span>
            Trang {Math.min(log.page, log.pages)} / {log.pages}
          </span>
          {log.page < log.pages ? (
            <Link href={auditLogHref({ ...filter, page: log.page + 1 })} className="font-medium text-brand-700 hover:underline" rel="next">
              Trang sau ›
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
