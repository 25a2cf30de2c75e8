import type { Metadata } from 'next';
import Link from 'next/link';
import { PrintButton } from '@/components/dashboard/print-button';
import { dashboardSearch } from '@/lib/dashboards/query';
import { highlights } from '@/lib/dashboards/tables';
import { AWARD_KINDS, AWARD_KIND_LABELS, LEARNING_MODELS, LEARNING_MODEL_LABELS, NO_DATA_LABEL } from '@/lib/domain';
import { formatDate, formatInteger, formatPercent, formatPercentagePoints, formatVnd } from '@/lib/format';
import { targetLabel } from '@/lib/dashboards/targets';
import { requireUser } from '@/lib/http/session';
import { loadClusterDashboard } from '../../../../../lib/dashboards/cluster-dashboard';

export const metadata: Metadata = { title: 'Bản tổng hợp giao ban cụm' };

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const cell = 'border border-slate-400 px-1.5 py-1';

/** An amount in a sentence: a missing one says so in words, not with a dash. */
const money = (amount: bigint | null) => (amount === null ? NO_DATA_LABEL : formatVnd(amount));

/** One A4 brief for the cluster meeting: the figures a leader used to compile from eight Excel files. */
export default async function MeetingBriefPage({ params, searchParams }: Props) {
  const [{ code }, query, user] = await Promise.all([params, searchParams, requireUser()]);
  const d = await loadClusterDashboard(user, code, query);
  const c = d.summary?.completeness;
  const best = highlights(d.rows);
  const targets = d.summary?.targets ?? d.span?.targets ?? [];

  return (
    <article className="brief mx-auto max-w-[210mm] space-y-4 bg-white p-6 text-[13px] leading-snug text-black shadow-sm print:p-0 print:shadow-none" data-testid="meeting-brief">
      <div className="flex items-center justify-between gap-3 print:hidden">
        <Link href={`/cum/${d.cluster.code}${dashboardSearch(d.q)}`} className="text-sm text-brand-700 hover:underline">
          ← Về tổng quan cụm
        </Link>
        <PrintButton />
      </div>
      <header className="text-center">
        <p className="text-xs font-semibold tracking-wide uppercase">Hội Khuyến học Việt Nam · {d.cluster.name}</p>
        <h1 className="mt-1 text-xl font-bold">Tổng hợp kết quả công tác khuyến học – {d.label}</h1>
        <p className="text-xs">
          Số liệu lấy từ cổng báo cáo ngày {formatDate(new Date())}
          {d.q.approvedOnly ? ' · chỉ tính báo cáo đã duyệt' : ' · gồm báo cáo đã gửi và đã duyệt'}
          {d.summary?.leader ? ` · Cụm trưởng: ${d.summary.leader.name}` : ''}
        </p>
      </header>

      {c ? (
        <section>
          <h2 className="font-bold">1. Tình hình nộp báo cáo</h2>
          <p data-testid="brief-completeness">
            {c.inReview === 0 ? (
              `Chưa tỉnh nào trong ${c.expected} tỉnh gửi báo cáo.`
            ) : (
              <>
                {c.inReview}/{c.expected} tỉnh đã gửi báo cáo ({c.approved} đã duyệt, {c.onTime} đúng hạn, {c.late} muộn)
                {c.notStarted + c.draft + c.returned > 0 ? `; ${c.notStarted + c.draft + c.returned} tỉnh chưa gửi hoặc đang sửa` : ''}.
              </>
            )}
          </p>
        </section>
      ) : null}

      <section>
        <h2 className="font-bold">2. Tỷ lệ đăng ký danh hiệu các mô hình học tập</h2>
        <table className="mt-1 w-full border-collapse text-[11px]" data-testid="brief-table">
          <thead>
            <tr>
              <th className={`${cell} text-left`}>Tỉnh, thành phố</th>
              {LEARNING_MODELS.map((m) => (
                <th key={m} className={`${cell} text-right`}>
                  {LEARNING_MODEL_LABELS[m].replace(' học tập', '')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...d.rows, { ...d.totals, name: 'Toàn cụm (Σ/Σ)' }].map((r) => (
              <tr key={r.name}>
                <th className={`${cell} text-left font-normal`}>{r.name}</th>
                {LEARNING_MODELS.map((m) => (
                  <td key={m} className={`${cell} tabular text-right`}>
                    {formatPercent(r.models[m].registrationRate)}
                    {r.models[m].changePp !== null ? <span className="block text-[10px] text-slate-600">{formatPercentagePoints(r.models[m].changePp)}</span> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-[10px] text-slate-700">Dưới mỗi tỷ lệ: thay đổi so với {d.previousLabel ?? 'kỳ trước'}.</p>
      </section>

      <section>
        <h2 className="font-bold">3. Nổi bật</h2>
        {best.every((h) => h.best === null) ? (
          <p data-testid="brief-highlights">Chưa có tỉnh nào có số liệu về các mô hình học tập trong kỳ này.</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="brief-highlights">
            {best.map((h) => (
              <li key={h.model}>
                {LEARNING_MODEL_LABELS[h.model]}:{' '}
                {h.best ? `cao nhất ${h.best.name} (${formatPercent(h.best.rate)})` : 'chưa có tỉnh nào có số liệu'}
                {h.mostImproved ? `; tăng nhiều nhất ${h.mostImproved.name} (${formatPercentagePoints(h.mostImproved.changePp)})` : ''}.
              </li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h2 className="font-bold">4. So với mục tiêu quốc gia</h2>
        <ul className="list-disc pl-5">
          {targets.map((t) => (
            <li key={t.target.id}>
              {targetLabel(t.target)} ({LEARNING_MODEL_LABELS[t.target.model].toLowerCase()}):{' '}
              {t.status === 'NO_DATA'
                ? 'chưa có số liệu để so sánh.'
                : `toàn cụm ${formatPercent(t.rate)} – ${t.status === 'ON_TRACK' ? 'đạt' : 'chưa đạt'}; ${t.provinces.ON_TRACK} tỉnh đạt, ${t.provinces.BEHIND} tỉnh chưa đạt.`}
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2 className="font-bold">5. Quỹ khuyến học, học bổng và khen thưởng</h2>
        <p data-testid="brief-fund">
          {d.totals.fund.mobilised === null && d.totals.fund.closing === null
            ? 'Chưa có báo cáo nào có số liệu quỹ khuyến học.'
            : `Vận động ${money(d.totals.fund.mobilised)}; đã chi ${money(d.totals.fund.spent)}; số dư cuối kỳ ${money(d.totals.fund.closing)}.`}
        </p>
        <p data-testid="brief-awards">
          {d.totals.awards.recipients === null && d.totals.awards.amount === null
            ? 'Chưa có báo cáo nào có số liệu học bổng, hỗ trợ và khen thưởng.'
            : `${AWARD_KINDS.map((k) => {
                const a = d.totals.awards.byKind[k];
                return a.recipients === null && a.amount === null
                  ? `${AWARD_KIND_LABELS[k]}: ${NO_DATA_LABEL}`
                  : `${AWARD_KIND_LABELS[k]}: ${a.recipients === null ? NO_DATA_LABEL : `${formatInteger(a.recipients)} lượt`}, ${money(a.amount)}`;
              }).join('; ')}.`}
        </p>
      </section>

      <footer className="border-t border-slate-300 pt-2 text-[10px] text-slate-700">
        {d.rules.map((r) => (
          <p key={r}>{r}</p>
        ))}
      </footer>
    </article>
  );
}
