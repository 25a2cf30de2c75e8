import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ClusterDetailsForm, ClusterNoteForm, LeaderTermForm } from '@/components/admin/cluster-forms';
import { dayValue } from '@/components/admin/fields';
import { AddMemberForm, DeleteWithReasonForm, EndMembershipForm, MembershipDatesForm } from '@/components/admin/membership-forms';
import { BackLink } from '@/components/ui/back-link';
import { Card } from '@/components/ui/card';
import { formatDate } from '@/lib/format';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { getClusterForAdmin, listProvincesForAdmin } from '@/lib/reference/cluster-admin';
import {
  addClusterMemberAction,
  addLeaderTermAction,
  deleteClusterMembershipAction,
  deleteLeaderTermAction,
  endClusterMembershipAction,
  updateClusterAction,
  updateClusterMembershipAction,
  updateClusterNoteAction,
  updateLeaderTermAction,
} from '../../actions';

export const metadata: Metadata = { title: 'Sửa cụm' };

const span = (from: Date, to: Date | null) => `${formatDate(from)} – ${to ? formatDate(to) : 'nay'}`;

/** A row's less frequent forms, folded so that a phone shows the list first. */
function Fold({ label, children }: { label: string; children: ReactNode }) {
  return (
    <details className="rounded-md border border-slate-200 px-3 py-2">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{label}</summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}

export default async function ClusterAdminPage({ params }: { params: Promise<{ code: string }> }) {
  const [{ code }, user] = await Promise.all([params, requireUser()]);
  ensure(canManageReferenceData(user));
  const db = getDb();
  const [cluster, provinces] = await Promise.all([getClusterForAdmin(db, code), listProvincesForAdmin(db)]);
  if (!cluster) notFound();

  const provinceOptions = provinces.map((p) => ({ id: p.id, label: `${p.name} (${p.code}, ${span(p.validFrom, p.validTo)})` }));
  // A leader is a member on the term's first day: only provinces that have been members are offered.
  const memberIds = new Set(cluster.memberships.map((m) => m.province.id));
  const leaderOptions = provinceOptions.filter((p) => memberIds.has(p.id));

  return (
    <section className="space-y-6">
      <div>
        <BackLink href="/quan-tri/cum">‹ Cụm và cụm trưởng</BackLink>
        <h1 className="mt-1 text-2xl font-bold">{cluster.name}</h1>
        <p className="mt-1 text-slate-600">
          Mã cụm {cluster.code}
          {cluster.region ? ` · ${cluster.region}` : ''}. Mọi thay đổi đều được ghi nhật ký.
        </p>
      </div>

      <Card as="section" className="space-y-4" aria-labelledby="cluster-details-heading">
        <h2 id="cluster-details-heading" className="text-lg font-semibold">
          Thông tin cụm
        </h2>
        <ClusterDetailsForm action={updateClusterAction} clusterId={cluster.id} name={cluster.name} region={cluster.region ?? ''} />
        <ClusterNoteForm action={updateClusterNoteAction} clusterId={cluster.id} note={cluster.note ?? ''} />
      </Card>

      <Card as="section" className="space-y-4" aria-labelledby="leader-terms-heading" data-testid="leader-terms">
        <h2 id="leader-terms-heading" className="text-lg font-semibold">
          Cụm trưởng
        </h2>
        <p className="text-sm text-slate-600">
          Tỉnh cụm trưởng phải là thành viên của cụm vào ngày đầu nhiệm kỳ; các nhiệm kỳ không được chồng lên nhau. Trang tổng hợp của cụm hiện cụm trưởng
          của nhiệm kỳ có hiệu lực vào ngày đầu kỳ báo cáo.
        </p>
        {cluster.leaderTerms.length === 0 ? <p className="text-sm text-slate-600">Chưa có nhiệm kỳ nào.</p> : null}
        <ul className="space-y-3">
          {cluster.leaderTerms.map((t) => (
            <li key={t.id} className="space-y-2 border-b border-slate-100 pb-3" data-testid={`leader-term-${t.id}`}>
              <p className="text-sm">
                <span className="font-medium">{t.province.name}</span> <span className="text-slate-500">({t.province.code})</span> · nhiệm kỳ {t.termLabel} ·{' '}
                {span(t.validFrom, t.validTo)}
              </p>
              <div className="grid gap-2 sm:grid-cols-2">
                <Fold label="Sửa hoặc kết thúc nhiệm kỳ">
                  <LeaderTermForm
                    action={updateLeaderTermAction}
                    clusterId={cluster.id}
                    provinces={leaderOptions}
                    term={{ id: t.id, provinceId: t.province.id, termLabel: t.termLabel, validFrom: dayValue(t.validFrom), validTo: t.validTo ? dayValue(t.validTo) : null }}
                  />
                </Fold>
                <Fold label="Xoá (nhập nhầm)">
                  <DeleteWithReasonForm action={deleteLeaderTermAction} idName="termId" idValue={t.id} what={`nhiệm kỳ ${t.termLabel} của ${t.province.name}`} />
                </Fold>
              </div>
            </li>
          ))}
        </ul>
        <div className="space-y-2">
          <h3 className="font-semibold">Thêm nhiệm kỳ cụm trưởng</h3>
          {leaderOptions.length === 0 ? (
            <p className="text-sm text-slate-600">Hãy thêm thành viên cho cụm trước.</p>
          ) : (
            <LeaderTermForm action={addLeaderTermAction} clusterId={cluster.id} provinces={leaderOptions} />
          )}
        </div>
      </Card>

      <Card as="section" className="space-y-4" aria-labelledby="members-heading" data-testid="memberships">
        <h2 id="members-heading" className="text-lg font-semibold">
          Thành viên
        </h2>
        <p className="text-sm text-slate-600">
          Một tỉnh chỉ thuộc một cụm tại một thời điểm. Thành viên của cụm trong một kỳ là các tỉnh thuộc cụm vào ngày đầu kỳ: để bỏ một tỉnh khỏi cụm
          ngay từ ngày nó được thêm vào, hãy sửa ngày bắt đầu hoặc xoá dòng nhập nhầm.
        </p>
        {cluster.memberships.length === 0 ? <p className="text-sm text-slate-600">Chưa có thành viên nào.</p> : null}
        <ul className="space-y-3">
          {cluster.memberships.map((m) => (
            <li key={m.id} className="space-y-2 border-b border-slate-100 pb-3" data-testid={`membership-${m.id}`}>
              <p className="text-sm">
                <span className="font-medium">{m.province.name}</span> <span className="text-slate-500">({m.province.code})</span> · {span(m.validFrom, m.validTo)}
              </p>
              {m.validTo === null ? <EndMembershipForm action={endClusterMembershipAction} membershipId={m.id} label={m.province.name} /> : null}
              <div className="grid gap-2 sm:grid-cols-2">
                <Fold label="Sửa ngày">
                  <MembershipDatesForm
                    action={updateClusterMembershipAction}
                    membershipId={m.id}
                    validFrom={dayValue(m.validFrom)}
                    validTo={m.validTo ? dayValue(m.validTo) : null}
                  />
                </Fold>
                <Fold label="Xoá (nhập nhầm)">
                  <DeleteWithReasonForm
                    action={deleteClusterMembershipAction}
                    idName="membershipId"
                    idValue={m.id}
                    what={`tư cách thành viên của ${m.province.name}`}
                  />
                </Fold>
              </div>
            </li>
          ))}
        </ul>
        <div className="space-y-2">
          <h3 className="font-semibold">Thêm thành viên</h3>
          <AddMemberForm action={addClusterMemberAction} clusterId={cluster.id} provinces={provinceOptions} />
        </div>
      </Card>
    </section>
  );
}
