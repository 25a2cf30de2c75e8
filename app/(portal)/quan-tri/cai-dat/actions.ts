'use server';

import { defineFormAction } from '@/lib/http/action';
import { canManageReferenceData } from '@/lib/permissions';
import { ResetThresholdSchema, THRESHOLD_SETTING_BY_NAME, ThresholdsFormSchema } from '@/lib/reference/settings';
import { updateThresholds } from '@/lib/reference/settings-store';

const PAGE = '/quan-tri/cai-dat';

export const updateThresholdsAction = defineFormAction({
  name: 'setting.update',
  schema: ThresholdsFormSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    const { changed } = await updateThresholds(db, user, input);
    return changed.length ? `Đã lưu ${changed.length} ngưỡng. Các lần kiểm tra báo cáo từ nay dùng ngưỡng mới.` : 'Không có thay đổi nào.';
  },
  revalidate: [PAGE],
});

export const resetThresholdAction = defineFormAction({
  name: 'setting.reset',
  schema: ResetThresholdSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    const { changed } = await updateThresholds(db, user, { [input.name]: null });
    const label = THRESHOLD_SETTING_BY_NAME[input.name].label;
    return changed.length ? `Đã đưa “${label}” về mặc định.` : `“${label}” đang dùng mặc định.`;
  },
  revalidate: [PAGE],
});
