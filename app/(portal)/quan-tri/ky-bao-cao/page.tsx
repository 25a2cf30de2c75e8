import type { Metadata } from 'next';
import { CreateYearForm, DeadlineForm, ExtensionForm, LockForm, RemoveExtensionForm } from '@/components/admin/periods/period-forms';
import { BackLink } from '@/components/ui/back-link';
import { Card, EmptyState } from '@/components/ui/card';
import { formatDate, formatDateTime } from '@/lib/format';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { deadlineDay, defaultDeadline } from '@/lib/reference/deadlines';
import { listPeriodsForAdmin } from '@/lib/reference/period-admin';
import {
  createPeriodsAction,
  removeExtensionAction,
  setExtensionAction,
  setPeriodLockAction,
  updateDeadlineAction,
} from './actions';

export const metadata: Metadata = { title: 'Kỳ báo cáo' };

const DAY = 86_400_000;

export default async function PeriodsAdminPage() {
  const user = await requireUser();
  ensure(canManageReferenceData(user));
  const { periods, nextYear } = await listPeriodsForAdmin(getDb(), user);

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri">‹ Quản trị</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Kỳ báo cáo</h1>
        <p className="mt-1 text-slate-600">
          Hạn nộp, khoá sổ và gia hạn cho từng tỉnh. Quá hạn mà kỳ chưa khoá sổ, tỉnh vẫn nộp được và được ghi nhận nộp muộn; tính đúng hạn
          theo lần gửi đầu tiên. Mọi thay đổi đều được ghi nhật ký.
        </p>
      </div>

      <Card as="section" aria-labelledby="create-year" className="space-y-3">
        <h2 id="create-year" className="text-lg font-semibold">
          Tạo các kỳ báo cáo năm {nextYear}
        </h2>
        <p className="text-sm text-slate-600">
          Hai kỳ: 6 tháng đầu năm (01/01 – 30/06) và 6 tháng cuối năm (01/07 – 31/12). Hạn nộp lúc 23:59 ngày được chọn, giờ Việt Nam; sửa được
          sau khi tạo.
        </p>
        <CreateYearForm
          action={createPeriodsAction}
          year={nextYear}
          defaults={{ S1: deadlineDay(defaultDeadline(nextYear, 1)), S2: deadlineDay(defaultDeadline(nextYear, 2)) }}
        />
      </Card>

      {periods.length === 0 ? <EmptyState>Chưa có kỳ báo cáo nào.</EmptyState> : null}
      <ul className="space-y-4">
        {periods.map((period) => (
          <li key={period.id}>
            <Card as="article" className="space-y-3" data-testid={`admin-period-${period.code}`}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">
                  {period.label} <span className="font-normal text-slate-500">({period.code})</span>
                </h2>
                <span
                  className={period.locked ? 'rounded bg-slate-200 px-2 py-0.5 text-sm font-medium' : 'rounded bg-emerald-100 px-2 py-0.5 text-sm font-medium text-emerald-900'}
                  data-testid={`period-lock-${period.code}`}
                >
                  {period.locked ? 'Đã khoá sổ' : 'Đang mở'}
                </span>
              </div>
              <p className="text-sm" data-testid={`period-deadline-${period.code}`}>
                {formatDate(period.startDate)} – {formatDate(period.endDate)} · hạn nộp <strong>{formatDateTime(period.deadline)}</strong>
              </p>
              {period.extensions.length > 0 ? (
                <div>
                  <h3 className="text-sm font-semibold">Gia hạn cho từng tỉnh</h3>
                  <ul className="mt-1 divide-y divide-slate-100 text-sm">
                    {period.extensions.map((e) => (
                      <li key={e.id} className="space-y-1 py-2" data-testid={`extension-${period.code}-${e.province.code}`}>
                        <p>
                          <span className="font-medium">{e.province.name}</span> đến <strong>{formatDateTime(e.deadline)}</strong>: {e.reason}
                          <span className="block text-xs text-slate-500">
                            {e.createdBy ? `${e.createdBy}, ` : ''}
                            {formatDateTime(e.createdAt)}
                          </span>
                        </p>
                        <RemoveExtensionForm action={removeExtensionAction} period={period.code} province={e.province.code} name={e.province.name} />
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              <details open={!period.locked} className="rounded-md border border-slate-200 p-3">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">Sửa hạn nộp, khoá sổ, gia hạn cho tỉnh</summary>
                <div className="mt-3 grid gap-5 md:grid-cols-2">
                  <DeadlineForm action={updateDeadlineAction} period={period.code} day={deadlineDay(period.deadline)} />
                  <LockForm action={setPeriodLockAction} period={period.code} locked={period.locked} />
                  <div className="md:col-span-2">
                    <h3 className="mb-2 text-sm font-semibold">Gia hạn cho một tỉnh</h3>
                    <ExtensionForm
                      action={setExtensionAction}
                      period={period.code}
                      provinces={period.provinces.map((p) => ({ id: p.code, label: `${p.name} (${p.code})` }))}
                      day={deadlineDay(new Date(period.deadline.getTime() + 7 * DAY))}
                    />
                  </div>
                </div>
              </details>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
