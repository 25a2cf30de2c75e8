import type { Metadata } from 'next';
import Link from 'next/link';
import { DashboardControls } from '@/components/dashboard/dashboard-controls';
import { ExportLinks } from '@/components/dashboard/export-links';
import { dashboardSearch, parseDashboardQuery } from '@/lib/dashboards/query';
import { LEARNING_MODELS, LEARNING_MODEL_LABELS } from '@/lib/domain';
import { formatInteger, formatPercent, formatVnd } from '@/lib/format';
import { periodLabel } from '@/lib/reference/periods';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { canReadNational } from '@/lib/permissions';
import { getCachedNationalSummary, listCachedPeriods, readDataVersion } from '@/lib/dashboards/summary-cache';
import { notFound } from 'next/navigation';
import { EmptyRow, RowTh, Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { Card } from '@/components/ui/card';
import { NoteList } from '@/components/ui/note-list';

export const metadata: Metadata = { title: 'Tổng hợp toàn quốc' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The central association's view: every cluster side by side and the national totals, with a drill-down. */
export default async function NationalPage({ searchParams }: Props) {
  const [query, user] = await Promise.all([searchParams, requireUser()]);
  ensure(canReadNational(user));
  const db = getDb();
  const version = await readDataVersion(db); // one reading for the periods and the summary
  const periodRows = await listCachedPeriods(db, { version });
  const parsed = parseDashboardQuery(query);
  // The latest period whose deadline has passed is the one with the fullest picture.
  const now = new Date();
  const periodCode = parsed.periodCode ?? periodRows.find((p) => p.deadline < now)?.code ?? periodRows[0]?.code;
  if (!periodCode) notFound();
  const n = await getCachedNationalSummary(db, { periodCode, approvedOnly: parsed.approvedOnly, version });
  if (!n) notFound();
  const q = { ...parsed, year: null, periodCode };

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Tổng hợp toàn quốc</h1>
        <p className="mt-1 text-slate-600">{periodLabel(periodCode)}</p>
      </div>
      <DashboardControls q={q} periods={periodRows.map((p) => ({ code: p.code, label: periodLabel(p.code) }))} years={[]} showView={false} />

      <dl className="grid gap-3 sm:grid-cols-3">
        <Card>
          <dt className="text-sm text-slate-600">Tỉnh đã gửi báo cáo</dt>
          <dd className="tabular mt-1 text-2xl font-bold" data-testid="national-reported">
            {n.totals.completeness.inReview} / {n.totals.completeness.expected}
          </dd>
        </Card>
        <Card>
          <dt className="text-sm text-slate-600">Tỷ lệ đăng ký gia đình học tập cả nước</dt>
          <dd className="tabular mt-1 text-2xl font-bold" data-testid="national-family-rate">
            {formatPercent(n.totals.models.FAMILY.registrationRate)}
          </dd>
          <dd className="tabular text-xs text-slate-600">
            {n.totals.models.FAMILY.total
              ? `${formatInteger(n.totals.models.FAMILY.registered)} / ${formatInteger(n.totals.models.FAMILY.total)} hộ`
              : 'Chưa có báo cáo nào có số hộ gia đình.'}
          </dd>
        </Card>
        <Card>
          <dt className="text-sm text-slate-600">Quỹ khuyến học vận động</dt>
          <dd className="tabular mt-1 text-2xl font-bold">{formatVnd(n.totals.fund.mobilised)}</dd>
        </Card>
      </dl>

      <Table caption="Các cụm: tỷ lệ đăng ký Σ/Σ theo mô hình và tình hình nộp báo cáo" data-testid="national-table" stack>
        <TableHead>
          <Th sticky>Cụm</Th>
          <Th numeric>Đã gửi</Th>
          {LEARNING_MODELS.map((m) => (
            <Th key={m} numeric>
              {LEARNING_MODEL_LABELS[m]}
            </Th>
          ))}
        </TableHead>
        <TableBody>
          {n.clusters.length === 0 ? (
            <EmptyRow colSpan={2 + LEARNING_MODELS.length}>
              Chưa có cụm nào.
            </EmptyRow>
          ) : (
            n.clusters.map((c) => (
              <tr key={c.cluster.code} data-testid={`national-row-${c.cluster.code}`}>
                <RowTh sticky>
                  <Link href={`/cum/${c.cluster.code}${dashboardSearch(q)}`} className="text-brand-700 hover:underline">
                    {c.cluster.name}
                  </Link>
                </RowTh>
                <Td numeric label="Đã gửi">
                  {c.completeness.inReview} / {c.completeness.expected}
                </Td>
                {LEARNING_MODELS.map((m) => (
                  <Td key={m} className="text-right whitespace-nowrap" label={LEARNING_MODEL_LABELS[m]}>
                    <span className="tabular block font-semibold">{formatPercent(c.models[m].registrationRate)}</span>
                    <span className="tabular block text-xs text-slate-500">
                      {formatInteger(c.models[m].registered)} / {formatInteger(c.models[m].total)}
                      {c.models[m].rank !== null ? ` · hạng ${c.models[m].rank}` : ''}
                    </span>
                  </Td>
                ))}
              </tr>
            ))
          )}
        </TableBody>
      </Table>
      <ExportLinks
        files={[
          { label: 'Các cụm', path: '/trung-uong/xuat/cac-cum' },
          { label: 'Mục tiêu quốc gia', path: '/trung-uong/xuat/muc-tieu' },
        ]}
        search={dashboardSearch(q)}
        label="Tải về"
        className="print:hidden"
      />
      <NoteList notes={n.rules} />
    </section>
  );
}
