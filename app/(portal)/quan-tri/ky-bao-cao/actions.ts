'use server';

import { defineFormAction } from '@/lib/http/action';
import { formatDateTime } from '@/lib/format';
import { canManageReferenceData } from '@/lib/permissions';
import { createPeriodsOfYear, removeDeadlineExtension, setDeadlineExtension, updatePeriod } from '@/lib/reference/period-admin';
import {
  CreatePeriodsFormSchema,
  createPeriodsFormInput,
  ExtensionFormSchema,
  PeriodDeadlineFormSchema,
  PeriodLockFormSchema,
  RemoveExtensionFormSchema,
} from '@/lib/reference/period-schemas';
import { periodLabel } from '@/lib/reference/periods';

const PAGE = '/quan-tri/ky-bao-cao';

export const createPeriodsAction = defineFormAction({
  name: 'period.create',
  schema: CreatePeriodsFormSchema,
  input: createPeriodsFormInput,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    await createPeriodsOfYear(db, user, input);
    return `Đã tạo các kỳ báo cáo năm ${input.year}.`;
  },
  revalidate: [PAGE],
});

export const updateDeadlineAction = defineFormAction({
  name: 'period.deadline',
  schema: PeriodDeadlineFormSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    const period = await updatePeriod(db, user, input);
    return `Hạn nộp ${periodLabel(period.code)}: ${formatDateTime(period.deadline)}.`;
  },
  revalidate: [PAGE],
});

export const setPeriodLockAction = defineFormAction({
  name: 'period.lock',
  schema: PeriodLockFormSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    const period = await updatePeriod(db, user, input);
    return period.locked ? `Đã khoá sổ ${periodLabel(period.code)}.` : `Đã mở khoá ${periodLabel(period.code)}.`;
  },
  revalidate: [PAGE],
});

export const setExtensionAction = defineFormAction({
  name: 'period.extension.set',
  schema: ExtensionFormSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    const e = await setDeadlineExtension(db, user, input);
    return `Đã gia hạn cho ${e.province.name} đến ${formatDateTime(e.deadline)}.`;
  },
  revalidate: [PAGE],
});

export const removeExtensionAction = defineFormAction({
  name: 'period.extension.remove',
  schema: RemoveExtensionFormSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    await removeDeadlineExtension(db, user, input);
    return 'Đã bỏ gia hạn.';
  },
  revalidate: [PAGE],
});
