import { z } from 'zod';

const isoDay = z
  .string({ error: 'Vui lòng chọn ngày.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày không hợp lệ (định dạng năm-tháng-ngày).')
  .transform((s) => new Date(`${s}T00:00:00.000Z`))
  .refine((d) => !Number.isNaN(d.getTime()), 'Ngày không hợp lệ.');

const id = (what: string) => z.string({ error: `Vui lòng chọn ${what}.` }).trim().min(1, `Vui lòng chọn ${what}.`).max(64);

export const AddClusterMemberSchema = z.object({
  clusterId: id('cụm'),
  provinceId: id('tỉnh, thành phố'),
  validFrom: isoDay,
});

export const EndClusterMembershipSchema = z.object({
  membershipId: id('tư cách thành viên'),
  validTo: isoDay,
});

export const ClusterNoteSchema = z.object({
  clusterId: id('cụm'),
  note: z.string().trim().max(2000, 'Ghi chú tối đa 2.000 ký tự.'),
});
