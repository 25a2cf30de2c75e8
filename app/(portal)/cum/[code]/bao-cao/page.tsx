import type { Metadata } from 'next';
import Link from 'next/link';
import { ClusterTabs } from '@/components/cluster/cluster-tabs';
import { DashboardControls } from '@/components/dashboard/dashboard-controls';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDate, formatDateTime } from '@/lib/format';
import { periodLabel } from '@/lib/reference/periods';
import { requireUser } from '@/lib/http/session';
import { loadClusterDashboard } from '../../../../../lib/dashboards/cluster-dashboard';
import { ActionsTh, RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { Card, EmptyState } from '@/components/ui/card';
import { RemindProvincesForm } from '@/components/notifications/remind-form';
import { mayRemindCluster } from '@/lib/notifications/reminders';
import { REMINDER_NOTE_MAX } from '@/lib/notifications/schemas';
import { remindUnsubmittedProvincesAction } from './actions';

export const metadata: Metadata = { title: 'Tình hình nộp báo cáo' };

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ClusterReportsPage({ params, searchParams }: Props) {
  const [{ code }, query, user] = await Promise.all([params, searchParams, requireUser()]);
  const d = await loadClusterDashboard(user, code, { ...query, nam: undefined, xem: undefined });
  const { cluster, periods, summary } = d;
  const periodCode = d.q.periodCode;
  const c = summary?.completeness ?? null;
  const stats: [string, number | undefined, string][] = c
    ? [
        ['Chưa bắt đầu', c.notStarted, 'not-started'],
        ['Bản nháp', c.draft, 'draft'],
        ['Chờ duyệt', c.submitted, 'submitted'],
        ['Bị trả lại', c.returned, 'returned'],
        ['Đã duyệt', c.approved, 'approved'],
        ['Nộp muộn', c.late, 'late'],
      ]
    : [];

  return (
    <section className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold">{cluster.name}</h1>
          {summary ? (
            <p className="mt-1 text-slate-600">
              {periodLabel(summary.period.code)} · hạn nộp {formatDate(summary.period.deadline)}
            </p>
          ) : null}
        </div>
        <DashboardControls q={{ ...d.q, periodCode }} periods={periods} years={[]} showView={false} showApprovedOnly={false} />
      </div>
      <ClusterTabs code={cluster.code} periodCode={periodCode} current="reports" />
      {!summary || !c ? (
        <EmptyState>Chưa có kỳ báo cáo nào.</EmptyState>
      ) : (
        <>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {stats.map(([label, value, key]) => (
              <Card key={key} padding="sm">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="tabular text-2xl font-bold" data-testid={`count-${key}`}>
                  {value} <span className="text-sm font-normal text-slate-500">/ {c.expected}</span>
                </dd>
              </Card>
            ))}
          </dl>
          {c.overdue > 0 ? (
            <p className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">{c.overdue} tỉnh đã quá hạn mà chưa gửi báo cáo.</p>
          ) : null}
          {mayRemindCluster(user, cluster.id) && !summary.period.locked && c.expected > c.inReview ? (
            <RemindProvincesForm
              action={remindUnsubmittedProvincesAction}
              clusterCode={cluster.code}
              periodCode={summary.period.code}
              pending={c.expected - c.inReview}
              noteMax={REMINDER_NOTE_MAX}
            />
          ) : null}
          <Table caption="Tình hình nộp báo cáo của các tỉnh" stack>
            <TableHead>
              <Th>Tỉnh, thành phố</Th>
              <Th>Trạng thái</Th>
              <Th>Gửi lúc</Th>
              <ActionsTh />
            </TableHead>
            <TableBody>
              {d.rows.map((p) => {
                const waiting = p.status === 'SUBMITTED';
                return (
                  <tr key={p.code} data-testid={`completeness-row-${p.code}`}>
                    <RowTh className="whitespace-nowrap" id={`completeness-name-${p.code}`}>
                      {p.name}
                    </RowTh>
                    <Td label="Trạng thái">
                      <StatusBadge status={p.status ?? null} />
                    </Td>
                    <Td className="tabular whitespace-nowrap" label="Gửi lúc">
                      {p.firstSubmittedAt ? (
                        <>
                          {formatDateTime(p.firstSubmittedAt)}{' '}
                          {p.onTime === false ? <span className="text-red-700">(muộn)</span> : p.onTime ? <span className="text-emerald-700">(đúng hạn)</span> : null}
                        </>
                      ) : (
                        '—'
                      )}
                      {p.deadline && p.deadline.getTime() !== summary.period.deadline.getTime() ? (
                        <span className="block text-xs text-slate-500">gia hạn đến {formatDate(p.deadline)}</span>
                      ) : null}
                    </Td>
                    <Td className="whitespace-nowrap">
                      {p.status ? (
                        <Link
                          href={`/bao-cao/${p.code}/${summary.period.code}`}
                          className={waiting ? 'inline-block rounded-md bg-brand-700 px-3 py-1 font-semibold text-white hover:bg-brand-800' : 'text-brand-700 hover:underline'}
                        >
                          {waiting ? 'Xem và duyệt' : 'Xem báo cáo'}
                        </Link>
                      ) : null}
                      <Link
                        href={`/lich-su/${p.code}`}
                        aria-describedby={`completeness-name-${p.code}`}
                        className="ml-4 text-brand-700 hover:underline"
                      >
                        Lịch sử số liệu
                      </Link>
                    </Td>
                  </tr>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
