import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { dayValue } from '@/components/admin/fields';
import { ProvinceForm } from '@/components/admin/province-form';
import { BackLink } from '@/components/ui/back-link';
import { Card } from '@/components/ui/card';
import { formatDate } from '@/lib/format';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData } from '@/lib/permissions';
import { getDb } from '@/lib/platform/db';
import { getProvinceForAdmin } from '@/lib/reference/province-admin';
import { vietnamDay } from '@/lib/reference/validity';
import { updateProvinceAction } from '../actions';

export const metadata: Metadata = { title: 'Sửa tỉnh, thành phố' };

const span = (from: Date, to: Date | null) => `${formatDate(from)} – ${to ? formatDate(to) : 'nay'}`;

export default async function ProvinceAdminPage({ params }: { params: Promise<{ id: string }> }) {
  const [{ id }, user] = await Promise.all([params, requireUser()]);
  ensure(canManageReferenceData(user));
  const found = await getProvinceForAdmin(getDb(), user, id);
  if (!found) notFound();
  const { province, successorOptions } = found;
  const successors = successorOptions.map((s) => ({ id: s.id, label: `${s.name} (${s.code}, ${span(s.validFrom, s.validTo)})` }));

  return (
    <section className="space-y-6">
      <div>
        <BackLink href={`/quan-tri/tinh?ngay=${dayValue(province.validTo ?? vietnamDay(new Date()))}`}>‹ Tỉnh, thành phố</BackLink>
        <h1 className="mt-1 text-2xl font-bold">
          {province.name} ({province.code})
        </h1>
        <p className="mt-1 text-slate-600">
          Hiệu lực {span(province.validFrom, province.validTo)}
          {province.successor ? ` · hợp nhất vào ${province.successor.name} (${province.successor.code})` : ''} · {province._count.reports} báo cáo.
        </p>
      </div>

      <Card as="section" className="space-y-3" aria-labelledby="province-form-heading">
        <h2 id="province-form-heading" className="text-lg font-semibold">
          Sửa thông tin
        </h2>
        <p className="text-sm text-slate-600">
          Sửa khi thông tin nhập sai hoặc có văn bản mới. Nhật ký giữ giá trị cũ; báo cáo của tỉnh không thay đổi.
        </p>
        <ProvinceForm
          action={updateProvinceAction}
          province={{
            id: province.id,
            code: province.code,
            name: province.name,
            validFrom: dayValue(province.validFrom),
            validTo: province.validTo ? dayValue(province.validTo) : null,
            successorId: province.successorId,
          }}
          successors={successors}
        />
      </Card>

      <Card as="section" className="space-y-3" aria-labelledby="province-links-heading">
        <h2 id="province-links-heading" className="text-lg font-semibold">
          Hợp nhất và cụm
        </h2>
        <div>
          <h3 className="font-semibold">Các tỉnh đã hợp nhất vào tỉnh này</h3>
          {province.predecessors.length === 0 ? (
            <p className="text-sm text-slate-600">Không có.</p>
          ) : (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {province.predecessors.map((p) => (
                <li key={p.id}>
                  <Link href={`/quan-tri/tinh/${p.id}`} className="text-brand-700 hover:underline">
                    {p.name} ({p.code})
                  </Link>
                  {p.validTo ? `, đến ${formatDate(p.validTo)}` : ''}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="font-semibold">Thuộc cụm</h3>
          {province.memberships.length === 0 ? (
            <p className="text-sm text-slate-600">Chưa thuộc cụm nào.</p>
          ) : (
            <ul className="mt-1 list-disc pl-5 text-sm">
              {province.memberships.map((m) => (
                <li key={m.id}>
                  <Link href={`/quan-tri/cum/${m.cluster.code}`} className="text-brand-700 hover:underline">
                    {m.cluster.name}
                  </Link>{' '}
                  · {span(m.validFrom, m.validTo)}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Card>
    </section>
  );
}
