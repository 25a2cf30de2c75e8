'use server';

import { defineFormAction } from '@/lib/http/action';
import { formatDate } from '@/lib/format';
import { canManageReferenceData } from '@/lib/permissions';
import { addDecisionTargets, updateTarget } from '@/lib/reference/target-admin';
import { EditTargetFormSchema, EndTargetFormSchema, NewDecisionFormSchema, newDecisionFromForm } from '@/lib/reference/target-schemas';

const PAGE = '/quan-tri/muc-tieu';

export const addDecisionTargetsAction = defineFormAction({
  name: 'target.create',
  schema: NewDecisionFormSchema,
  input: newDecisionFromForm,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    const created = await addDecisionTargets(db, user, input);
    return `Đã thêm ${created.length} mục tiêu của ${input.decision}.`;
  },
  revalidate: [PAGE],
});

export const updateTargetAction = defineFormAction({
  name: 'target.update',
  schema: EditTargetFormSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => ((await updateTarget(db, user, input.id, input.changes)).changed.length ? 'Đã lưu mục tiêu.' : 'Không có thay đổi nào.'),
  revalidate: [PAGE],
});

export const endTargetAction = defineFormAction({
  name: 'target.end',
  schema: EndTargetFormSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    const { changed } = await updateTarget(db, user, input.id, input.changes);
    if (!changed.length) return 'Không có thay đổi nào.';
    return input.changes.validTo ? `Mục tiêu hết hiệu lực sau ngày ${formatDate(input.changes.validTo)}.` : 'Mục tiêu có hiệu lực trở lại.';
  },
  revalidate: [PAGE],
});
