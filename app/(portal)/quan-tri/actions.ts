'use server';

import { AddClusterMemberSchema, ClusterNoteSchema, EndClusterMembershipSchema } from '@/lib/reference/membership-schemas';
import { defineFormAction } from '@/lib/http/action';
import { canManageReferenceData } from '@/lib/permissions';
import { addClusterMember, endClusterMembership, updateClusterNote } from '@/lib/reference/cluster-admin';

const adminOnly = canManageReferenceData;

export const addClusterMemberAction = defineFormAction({
  name: 'cluster.member.add',
  schema: AddClusterMemberSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await addClusterMember(db, user.id, input);
    return 'Đã thêm tỉnh vào cụm.';
  },
  revalidate: ['/quan-tri'],
});

export const endClusterMembershipAction = defineFormAction({
  name: 'cluster.member.end',
  schema: EndClusterMembershipSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await endClusterMembership(db, user.id, input);
    return 'Đã cập nhật ngày kết thúc.';
  },
  revalidate: ['/quan-tri'],
});

export const updateClusterNoteAction = defineFormAction({
  name: 'cluster.note.update',
  schema: ClusterNoteSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await updateClusterNote(db, user.id, input);
    return 'Đã lưu ghi chú.';
  },
  revalidate: ['/quan-tri'],
});
