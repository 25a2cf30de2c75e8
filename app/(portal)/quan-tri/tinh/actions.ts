'use server';

import { UpdateProvinceSchema } from '@/lib/reference/admin-schemas';
import { defineFormAction } from '@/lib/http/action';
import { canManageReferenceData } from '@/lib/permissions';
import { updateProvince } from '@/lib/reference/province-admin';

export const updateProvinceAction = defineFormAction({
  name: 'province.update',
  schema: UpdateProvinceSchema,
  authorize: canManageReferenceData,
  run: async ({ db, user, input }) => {
    const { provinceId, successorId, ...changes } = input;
    const saved = await updateProvince(db, user, { provinceId }, { ...changes, successor: successorId === null ? null : { id: successorId } });
    return `Đã lưu ${saved.name} (${saved.code}).`;
  },
  // Names and codes show on every page that lists provinces.
  revalidate: ['/quan-tri/tinh', '/quan-tri', '/quan-tri/cum', '/cum', '/trung-uong'],
});
