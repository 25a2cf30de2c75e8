import type { Metadata } from 'next';
import Link from 'next/link';
import { AddMemberForm, ClusterNoteForm, EndMembershipForm } from '@/components/admin/membership-forms';
import { formatDate } from '@/lib/format';
import { getClustersForAdmin, listProvincesForAdmin } from '@/lib/reference/cluster-admin';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { addClusterMemberAction, endClusterMembershipAction, updateClusterNoteAction } from './actions';
import { Card, EmptyState } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Quản trị' };

const span = (from: Date, to: Date | null) => `${formatDate(from)} – ${to ? formatDate(to) : 'nay'}`;

export default async function AdminPage() {
  const user = await requireUser();
  ensure(canManageReferenceData(user));
  const db = getDb();
  const [clusters, provinces] = await Promise.all([getClustersForAdmin(db), listProvincesForAdmin(db)]);
  const provinceOptions = provinces.map((p) => ({
    id: p.id,
    label: `${p.name} (${p.code}, ${span(p.validFrom, p.validTo)})`,
  }));

  return (
    <section className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Quản trị</h1>
        <p className="mt-1 text-slate-600">Thành phần các cụm theo thời gian. Mọi thay đổi đều được ghi nhật ký.</p>
        <Link href="/quan-tri/nguoi-dung" className="mt-2 inline-block font-medium text-brand-700 hover:underline">Người dùng: tạo tài khoản, phân quyền, khoá, đặt lại mật khẩu ›</Link>
      </div>
      {clusters.length === 0 ? (
        <EmptyState>Chưa có cụm nào.</EmptyState>
      ) : null}
      {clusters.map((cluster) => (
        <Card as="article" key={cluster.id} className="space-y-4" data-testid={`admin-cluster-${cluster.code}`}>
          <h2 className="text-xl font-semibold">{cluster.name}</h2>
          {cluster.note ? (
            <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
              {cluster.note}
            </p>
          ) : null}
          <div>
            <h3 className="font-semibold">Cụm trưởng</h3>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {cluster.leaderTerms.map((t) => (
                <li key={t.id}>
                  {t.province.name} · nhiệm kỳ {t.termLabel} · {span(t.validFrom, t.validTo)}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="font-semibold">Thành viên</h3>
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {cluster.memberships.map((m) => (
                <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{m.province.name}</span> <span className="text-slate-500">({m.province.code})</span> ·{' '}
                    {span(m.validFrom, m.validTo)}
                  </span>
                  {m.validTo === null ? <EndMembershipForm action={endClusterMembershipAction} membershipId={m.id} label={m.province.name} /> : null}
                </li>
              ))}
            </ul>
          </div>
          <AddMemberForm action={addClusterMemberAction} clusterId={cluster.id} provinces={provinceOptions} />
          <ClusterNoteForm action={updateClusterNoteAction} clusterId={cluster.id} note={cluster.note ?? ''} />
        </Card>
      ))}
    </section>
  );
}
