'use server';

// The administration of clusters: the cluster, its memberships and its leader terms. The hub
// (/quan-tri) had the first of them; the cluster pages (/quan-tri/cum) use them all.
import {
  AddClusterMemberSchema,
  AddLeaderTermSchema,
  ClusterNoteSchema,
  CreateClusterSchema,
  DeleteClusterMembershipSchema,
  DeleteLeaderTermSchema,
  EndClusterMembershipSchema,
  UpdateClusterMembershipSchema,
  UpdateClusterSchema,
  UpdateLeaderTermSchema,
} from '@/lib/reference/admin-schemas';
import { defineFormAction } from '@/lib/http/action';
import { canManageReferenceData } from '@/lib/permissions';
import {
  addClusterMember,
  addLeaderTerm,
  createCluster,
  deleteClusterMembership,
  deleteLeaderTerm,
  endClusterMembership,
  updateCluster,
  updateClusterMembership,
  updateClusterNote,
  updateLeaderTerm,
} from '@/lib/reference/cluster-admin';

const adminOnly = canManageReferenceData;
// The cluster pages, the hub's overview, and the dashboards that show members and leaders.
const CLUSTER_PAGES = ['/quan-tri', '/quan-tri/cum', '/cum'];

export const createClusterAction = defineFormAction({
  name: 'cluster.create',
  schema: CreateClusterSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => `Đã tạo cụm ${(await createCluster(db, user, input)).code}.`,
  revalidate: CLUSTER_PAGES,
});

export const updateClusterAction = defineFormAction({
  name: 'cluster.update',
  schema: UpdateClusterSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await updateCluster(db, user, input);
    return 'Đã lưu thông tin cụm.';
  },
  revalidate: CLUSTER_PAGES,
});

export const updateClusterNoteAction = defineFormAction({
  name: 'cluster.note.update',
  schema: ClusterNoteSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await updateClusterNote(db, user, input);
    return 'Đã lưu ghi chú.';
  },
  revalidate: CLUSTER_PAGES,
});

export const addClusterMemberAction = defineFormAction({
  name: 'cluster.member.add',
  schema: AddClusterMemberSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await addClusterMember(db, user, input);
    return 'Đã thêm tỉnh vào cụm.';
  },
  revalidate: CLUSTER_PAGES,
});

export const endClusterMembershipAction = defineFormAction({
  name: 'cluster.member.end',
  schema: EndClusterMembershipSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await endClusterMembership(db, user, input);
    return 'Đã cập nhật ngày kết thúc.';
  },
  revalidate: CLUSTER_PAGES,
});

export const updateClusterMembershipAction = defineFormAction({
  name: 'cluster.member.update',
  schema: UpdateClusterMembershipSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await updateClusterMembership(db, user, input);
    return 'Đã sửa ngày của tư cách thành viên.';
  },
  revalidate: CLUSTER_PAGES,
});

export const deleteClusterMembershipAction = defineFormAction({
  name: 'cluster.member.delete',
  schema: DeleteClusterMembershipSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => `Đã xoá ${(await deleteClusterMembership(db, user, input)).provinceName} khỏi cụm (tư cách thành viên nhập nhầm).`,
  revalidate: CLUSTER_PAGES,
});

export const addLeaderTermAction = defineFormAction({
  name: 'cluster.leader.add',
  schema: AddLeaderTermSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await addLeaderTerm(db, user, input);
    return 'Đã thêm nhiệm kỳ cụm trưởng.';
  },
  revalidate: CLUSTER_PAGES,
});

export const updateLeaderTermAction = defineFormAction({
  name: 'cluster.leader.update',
  schema: UpdateLeaderTermSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await updateLeaderTerm(db, user, input);
    return 'Đã lưu nhiệm kỳ cụm trưởng.';
  },
  revalidate: CLUSTER_PAGES,
});

export const deleteLeaderTermAction = defineFormAction({
  name: 'cluster.leader.delete',
  schema: DeleteLeaderTermSchema,
  authorize: adminOnly,
  run: async ({ db, user, input }) => {
    await deleteLeaderTerm(db, user, input);
    return 'Đã xoá nhiệm kỳ cụm trưởng.';
  },
  revalidate: CLUSTER_PAGES,
});
