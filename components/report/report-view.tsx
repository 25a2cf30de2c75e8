import { LEARNING_MODELS, LEARNING_MODEL_LABELS } from '@/lib/domain';
import { formatInteger, formatPercent, formatPercentagePoints, formatVnd, MISSING_VALUE } from '@/lib/format';
import { percentagePointChange, ratio } from '@/lib/dashboards/metrics';
import { getFieldValue, type ReportData } from '@/lib/reports/data';
import { REPORT_FIELDS, REPORT_SECTIONS, SECTION_LABELS, type ReportField } from '@/lib/reports/fields';
import type { ReportCheck } from '@/lib/reports/rules';
import { Card } from '@/components/ui/card';
import { ScrollPanel } from '@/components/ui/scroll-panel';
import type { ReactNode } from 'react';

function display(f: ReportField, v: number | bigint | string | null): string {
  if (v === null || v === '') return MISSING_VALUE;
  if (f.kind === 'amount') return formatVnd(v as bigint);
  if (f.kind === 'count') return formatInteger(v as number);
  return String(v);
}

function change(f: ReportField, now: number | bigint | string | null, prev: number | bigint | string | null): string {
  if (f.kind === 'text' || now === null || prev === null || now === '' || prev === '') return '';
  const d = BigInt(now as number | bigint) - BigInt(prev as number | bigint);
  if (d === 0n) return '0';
  const sign = d > 0n ? '+' : '';
  return f.kind === 'amount' ? `${sign}${formatVnd(d)}` : `${sign}${formatInteger(d)}`;
}

const rate = (n: number | null, d: number | null) => (n === null || d === null ? null : ratio(n, d));

/** A panel with its heading over a table of figures: `head` is the header row's cells, `children` the body's rows. */
function FiguresSection({ id, title, head, children }: { id: string; title: ReactNode; head: ReactNode; children: ReactNode }) {
  return (
    <Card as="section" aria-labelledby={id}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {/* The scrolling table is named apart from its section ("Bảng số liệu" + the title): two landmarks never share a name. */}
      <span id={`${id}-table`} hidden>
        Bảng số liệu
      </span>
      <ScrollPanel className="mt-2" aria-labelledby={`${id}-table ${id}`}>
        <table className="min-w-full text-sm">
          <thead>
            <tr className="text-left text-slate-600">{head}</tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </ScrollPanel>
    </Card>
  );
}

/** A report read-only: every figure beside the previous period's, rates, and rule results. */
export function ReportView({
  data,
  previous,
  check,
  explanations,
}: {
  data: ReportData;
  previous: { label: string; data: ReportData } | null;
  check: ReportCheck | null;
  explanations: Record<string, string>;
}) {
  return (
    <div className="space-y-5">
      {check && (check.blocking.length > 0 || check.warnings.length > 0 || check.missing.length > 0) ? (
        <section aria-labelledby="checks" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id="checks" className="font-semibold text-amber-900">
            Kết quả kiểm tra
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
            {check.missing.length > 0 ? <li className="text-red-800">Còn {check.missing.length} số liệu bắt buộc chưa nhập.</li> : null}
            {check.blocking.map((r) => (
              <li key={r.rule.id} className="text-red-800">
                Lỗi: {r.message}
              </li>
            ))}
            {check.warnings.map((r) => (
              <li key={r.rule.id} className="text-amber-900">
                Cảnh báo: {r.message}
                {explanations[r.rule.id] ? <span className="block text-slate-700">Giải trình của tỉnh: {explanations[r.rule.id]}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : check ? (
        <p className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">Số liệu đã qua mọi quy tắc kiểm tra.</p>
      ) : null}

      <FiguresSection
        id="rates"
        title="Tỷ lệ theo mô hình"
        head={
          <>
            <th scope="col" className="py-1 pr-3">Mô hình</th>
            <th scope="col" className="py-1 pr-3 text-right">Tỷ lệ đăng ký</th>
            {previous ? <th scope="col" className="py-1 pr-3 text-right">Kỳ trước</th> : null}
            {previous ? <th scope="col" className="py-1 pr-3 text-right">Thay đổi</th> : null}
            <th scope="col" className="py-1 text-right">Tỷ lệ đạt danh hiệu</th>
          </>
        }
      >
        {LEARNING_MODELS.map((m) => {
          const now = rate(data.models[m].registered, data.models[m].total);
          const prev = previous ? rate(previous.data.models[m].registered, previous.data.models[m].total) : null;
          return (
            <tr key={m} className="border-t border-slate-100" data-testid={`view-rate-${m}`}>
              {/* On one line each: on a phone the table scrolls sideways rather than stack a word a line. */}
              <th scope="row" className="py-1 pr-3 text-left font-medium whitespace-nowrap">{LEARNING_MODEL_LABELS[m]}</th>
              <td className="tabular py-1 pr-3 text-right whitespace-nowrap">{formatPercent(now)}</td>
              {previous ? <td className="tabular py-1 pr-3 text-right whitespace-nowrap">{formatPercent(prev)}</td> : null}
              {previous ? <td className="tabular py-1 pr-3 text-right whitespace-nowrap">{formatPercentagePoints(percentagePointChange(now, prev))}</td> : null}
              <td className="tabular py-1 text-right whitespace-nowrap">{formatPercent(rate(data.models[m].recognised, data.models[m].total))}</td>
            </tr>
          );
        })}
      </FiguresSection>

      {REPORT_SECTIONS.map((s) => (
        <FiguresSection
          key={s}
          id={`view-${s}`}
          title={SECTION_LABELS[s]}
          head={
            <>
              <th scope="col" className="py-1 pr-3">Chỉ tiêu</th>
              <th scope="col" className="py-1 pr-3 text-right">Kỳ này</th>
              {previous ? <th scope="col" className="py-1 pr-3 text-right">{previous.label}</th> : null}
              {previous ? <th scope="col" className="py-1 text-right">Thay đổi</th> : null}
            </>
          }
        >
          {REPORT_FIELDS.filter((f) => f.section === s).map((f) => {
            const now = getFieldValue(data, f.path);
            const prev = previous ? getFieldValue(previous.data, f.path) : null;
            return (
              <tr key={f.path} className="border-t border-slate-100 align-top">
                <th scope="row" className="py-1 pr-3 text-left font-normal">{f.label}</th>
                <td className={`py-1 pr-3 ${f.kind === 'text' ? 'whitespace-pre-line' : 'tabular text-right whitespace-nowrap'}`}>{display(f, now)}</td>
                {previous ? (
                  <td className={`py-1 pr-3 text-slate-600 ${f.kind === 'text' ? 'whitespace-pre-line' : 'tabular text-right whitespace-nowrap'}`}>
                    {display(f, prev)}
                  </td>
                ) : null}
                {previous ? <td className="tabular py-1 text-right whitespace-nowrap text-slate-600">{change(f, now, prev)}</td> : null}
              </tr>
            );
          })}
        </FiguresSection>
      ))}
    </div>
  );
}
