import type { Metadata } from 'next';
import { EditTargetForm, EndTargetForm, NewDecisionForm } from '@/components/admin/targets/target-forms';
import { BackLink } from '@/components/ui/back-link';
import { Card, EmptyState } from '@/components/ui/card';
import { LEARNING_MODEL_LABELS, LEARNING_MODELS } from '@/lib/domain';
import { formatDate } from '@/lib/format';
import { TARGET_METRIC_LABELS, TARGET_METRICS, targetsInForce } from '@/lib/dashboards/targets';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { listTargets, type TargetRow } from '@/lib/reference/target-admin';
import { formatRateBp, rateBpForInput } from '@/lib/reference/target-schemas';
import { vietnamDay } from '@/lib/reference/validity';
import { addDecisionTargetsAction, endTargetAction, updateTargetAction } from './actions';

export const metadata: Metadata = { title: 'Mục tiêu quốc gia' };

const isoDay = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

/** The targets by decision, in the order the decisions came into force. */
function byDecision(targets: readonly TargetRow[]): { decision: string; targets: TargetRow[] }[] {
  const groups = new Map<string, TargetRow[]>();
  for (const t of targets) groups.set(t.decision, [...(groups.get(t.decision) ?? []), t]);
  return [...groups].map(([decision, rows]) => ({ decision, targets: rows }));
}

export default async function TargetsPage() {
  const user = await requireUser();
  ensure(canManageReferenceData(user));
  const targets = await listTargets(getDb());
  const today = vietnamDay(new Date());
  const measuredToday = new Set(targetsInForce(targets, today).map((t) => t.id));

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri">‹ Quản trị</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Mục tiêu quốc gia</h1>
        <p className="mt-1 text-slate-600">
          Bảng tổng hợp so sánh tỷ lệ của các tỉnh với mục tiêu đang có hiệu lực vào cuối kỳ: với mỗi mô hình, quyết định mới nhất, và năm mục tiêu gần nhất chưa qua. Mục tiêu
          đã kết thúc không còn được dùng sau ngày kết thúc. Mọi thay đổi đều được ghi nhật ký.
        </p>
      </div>

      {targets.length === 0 ? <EmptyState>Chưa có mục tiêu nào.</EmptyState> : null}
      {byDecision(targets).map((group) => (
        <Card as="article" key={group.decision} className="space-y-3" data-testid={`decision-${group.decision}`}>
          <h2 className="text-xl font-semibold">{group.decision}</h2>
          <ul className="divide-y divide-slate-100">
            {group.targets.map((t) => {
              const label = `${LEARNING_MODEL_LABELS[t.model]}${t.subject ? ` (${t.subject})` : ''}`;
              return (
                <li key={t.id} className="space-y-2 py-3" data-testid={`target-${t.id}`}>
                  <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                    <span className="font-semibold">{label}</span>
                    <span className="text-sm text-slate-600">{TARGET_METRIC_LABELS[t.metric]}</span>
                    <span className="tabular font-semibold">
                      {formatRateBp(t.rateBp)} đến năm {t.targetYear}
                    </span>
                    {measuredToday.has(t.id) ? (
                      <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-300 ring-inset">Đang áp dụng hôm nay</span>
                    ) : null}
                  </div>
                  <p className="text-sm">{t.description}</p>
                  <p className="text-sm text-slate-600">
                    Hiệu lực từ {formatDate(t.validFrom)}
                    {t.validTo ? ` đến hết ${formatDate(t.validTo)}` : ''}
                    {t.source ? ` · Căn cứ: ${t.source}` : ''}
                  </p>
                  <details className="rounded-md bg-slate-50 p-3">
                    <summary className="cursor-pointer text-sm font-medium text-brand-700">Sửa hoặc kết thúc mục tiêu này</summary>
                    <div className="mt-3 space-y-4">
                      <EditTargetForm
                        action={updateTargetAction}
                        target={{ id: t.id, rate: rateBpForInput(t.rateBp), description: t.description, source: t.source ?? '', validFrom: isoDay(t.validFrom) }}
                      />
                      <EndTargetForm action={endTargetAction} id={t.id} validTo={isoDay(t.validTo)} label={label} />
                    </div>
                  </details>
                </li>
              );
            })}
          </ul>
        </Card>
      ))}

      <Card as="section" className="space-y-3" aria-labelledby="new-decision-title">
        <h2 id="new-decision-title" className="text-xl font-semibold">
          Thêm quyết định và các mục tiêu
        </h2>
        <p className="text-sm text-slate-600">
          Tỷ lệ tính theo phần trăm, không quá 100 %; năm mục tiêu không được trước năm quyết định có hiệu lực. Một quyết định không có hai mục tiêu cùng mô hình, đối tượng và năm.
        </p>
        <NewDecisionForm
          action={addDecisionTargetsAction}
          models={LEARNING_MODELS.map((m) => ({ id: m, label: LEARNING_MODEL_LABELS[m] }))}
          metrics={TARGET_METRICS.map((m) => ({ id: m, label: TARGET_METRIC_LABELS[m] }))}
        />
      </Card>
    </section>
  );
}
