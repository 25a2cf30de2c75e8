import type { Metadata } from 'next';
import { ResetThresholdForm, ThresholdsForm } from '@/components/admin/settings/threshold-forms';
import { BackLink } from '@/components/ui/back-link';
import { Card } from '@/components/ui/card';
import { formatDateTime, formatInteger } from '@/lib/format';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { formatThreshold, UNIT_LABELS } from '@/lib/reference/settings';
import { listThresholdSettings, type ThresholdSetting } from '@/lib/reference/settings-store';
import { resetThresholdAction, updateThresholdsAction } from './actions';

export const metadata: Metadata = { title: 'Cài đặt' };

const pointsInput = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, useGrouping: false });

/** The value as the field shows it and takes it back: "12,5" points, "20.000.000" đồng. */
const inputValue = (s: ThresholdSetting) => (s.unit === 'points' ? pointsInput.format(s.value) : formatInteger(s.value));

export default async function SettingsPage() {
  const user = await requireUser();
  ensure(canManageReferenceData(user));
  const settings = await listThresholdSettings(getDb());

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri">‹ Quản trị</BackLink>
        <h1 className="mt-1 text-2xl font-bold">Cài đặt: ngưỡng kiểm tra báo cáo</h1>
        <p className="mt-1 text-slate-600">
          Khi số liệu vượt các ngưỡng này, biểu mẫu báo cáo, tệp Excel tải lên và tệp nhập lịch sử đều cảnh báo, và tỉnh phải giải trình trước khi gửi. Lỗi phải sửa (số
          đã đăng ký lớn hơn tổng số, quỹ không cân đối…) không thay đổi được. Mọi thay đổi đều được ghi nhật ký.
        </p>
      </div>
      <Card as="section" aria-label="Các ngưỡng">
        <ThresholdsForm
          key={settings.map(inputValue).join('|')}
          action={updateThresholdsAction}
          fields={settings.map((s) => ({
            name: s.name,
            label: s.label,
            help: s.help,
            unit: UNIT_LABELS[s.unit],
            value: inputValue(s),
            defaultLabel: formatThreshold(s.name, s.defaultValue),
            custom: s.custom,
          }))}
        />
      </Card>
      <Card as="section" className="space-y-3" aria-labelledby="reset-title">
        <h2 id="reset-title" className="text-lg font-semibold">
          Khôi phục mặc định
        </h2>
        <ul className="space-y-3">
          {settings.map((s) => (
            <li key={s.name} className="space-y-1">
              <p className="text-sm">
                <span className="font-medium">{s.label}</span>: {formatThreshold(s.name, s.value)}
                {s.custom && s.updatedAt ? ` (đổi lúc ${formatDateTime(s.updatedAt)})` : ' (mặc định)'}
              </p>
              {s.custom ? <ResetThresholdForm action={resetThresholdAction} name={s.name} label={s.label} defaultLabel={formatThreshold(s.name, s.defaultValue)} /> : null}
            </li>
          ))}
        </ul>
      </Card>
    </section>
  );
}
