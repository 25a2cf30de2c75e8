import type { Metadata } from 'next';
import Link from 'next/link';
import { formatDate } from '@/lib/format';
import { getClustersForAdmin } from '@/lib/reference/cluster-admin';
import { getDb } from '@/lib/platform/db';
import { ensure, requireUser } from '@/lib/http/session';
import { canManageReferenceData, canManageUsers } from '@/lib/permissions';
import { Card, EmptyState } from '@/components/ui/card';

export const metadata: Metadata = { title: 'Quản trị' };

const span = (from: Date, to: Date | null) => `${formatDate(from)} – ${to ? formatDate(to) : 'nay'}`;

type Section = { href: string; title: string; what: string };

/** The administration's sections, in the order an association sets the portal up. */
const REFERENCE_SECTIONS: Section[] = [
  { href: '/quan-tri/tinh', title: 'Tỉnh, thành phố', what: 'Tên, mã, thời gian hiệu lực, tỉnh kế thừa sau hợp nhất.' },
  { href: '/quan-tri/cum', title: 'Cụm và cụm trưởng', what: 'Tạo cụm, đổi tên, vùng, ghi chú; thành viên theo thời gian; nhiệm kỳ cụm trưởng.' },
  { href: '/quan-tri/ky-bao-cao', title: 'Kỳ báo cáo', what: 'Tạo các kỳ của năm, hạn nộp, khoá sổ, gia hạn cho từng tỉnh.' },
  { href: '/quan-tri/muc-tieu', title: 'Mục tiêu quốc gia', what: 'Quyết định và các chỉ tiêu, năm đạt, thời gian áp dụng.' },
  { href: '/quan-tri/cai-dat', title: 'Ngưỡng cảnh báo', what: 'Các ngưỡng kiểm tra số liệu khi tỉnh nhập báo cáo.' },
];

const USERS_SECTION: Section = { href: '/quan-tri/nguoi-dung', title: 'Người dùng', what: 'Tạo tài khoản, phân quyền, khoá, đặt lại mật khẩu.' };
const OUTBOX_SECTION: Section = { href: '/quan-tri/thu-gui', title: 'Thư gửi đi', what: 'Thư thông báo chờ gửi, đã gửi, gửi lỗi và lý do; gửi lại thư lỗi.' };
const LOG_SECTION: Section = { href: '/quan-tri/nhat-ky', title: 'Nhật ký quản trị', what: 'Ai đã sửa gì, khi nào, giá trị cũ và mới, lý do.' };

export default async function AdminPage() {
  const user = await requireUser();
  ensure(canManageReferenceData(user));
  const clusters = await getClustersForAdmin(getDb());
  const sections = [...REFERENCE_SECTIONS, ...(canManageUsers(user) ? [USERS_SECTION, OUTBOX_SECTION] : []), LOG_SECTION];

  return (
    <section className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Quản trị</h1>
        <p className="mt-1 text-slate-600">Dữ liệu tham chiếu, kỳ báo cáo, mục tiêu và tài khoản của cổng báo cáo. Mọi thay đổi đều được ghi nhật ký.</p>
      </div>

      <nav aria-label="Các mục quản trị">
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {sections.map((s) => (
            <li key={s.href}>
              <Link href={s.href} className="block h-full rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-700">
                <span className="font-semibold text-brand-700">{s.title} ›</span>
                <span className="mt-1 block text-sm text-slate-600">{s.what}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <div className="space-y-4">
        <h2 className="text-xl font-semibold">Thành phần các cụm</h2>
        {clusters.length === 0 ? (
          <EmptyState>
            Chưa có cụm nào.{' '}
            <Link href="/quan-tri/cum" className="font-medium text-brand-700 hover:underline">
              Tạo cụm
            </Link>
          </EmptyState>
        ) : null}
        {clusters.map((cluster) => (
          <Card as="article" key={cluster.id} className="space-y-4" data-testid={`admin-cluster-${cluster.code}`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="text-lg font-semibold">{cluster.name}</h3>
              <Link href={`/quan-tri/cum/${cluster.code}`} className="text-sm font-medium text-brand-700 hover:underline">
                Sửa cụm, thành viên, cụm trưởng ›
              </Link>
            </div>
            {cluster.note ? (
              <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
                {cluster.note}
              </p>
            ) : null}
            <div>
              <h4 className="font-semibold">Cụm trưởng</h4>
              {cluster.leaderTerms.length === 0 ? <p className="mt-1 text-sm text-slate-600">Chưa có nhiệm kỳ nào.</p> : null}
              <ul className="mt-1 list-disc pl-5 text-sm">
                {cluster.leaderTerms.map((t) => (
                  <li key={t.id}>
                    {t.province.name} · nhiệm kỳ {t.termLabel} · {span(t.validFrom, t.validTo)}
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h4 className="font-semibold">Thành viên</h4>
              {cluster.memberships.length === 0 ? <p className="mt-1 text-sm text-slate-600">Chưa có thành viên nào.</p> : null}
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {cluster.memberships.map((m) => (
                  <li key={m.id} className="py-2">
                    <span className="font-medium">{m.province.name}</span> <span className="text-slate-500">({m.province.code})</span> ·{' '}
                    {span(m.validFrom, m.validTo)}
                  </li>
                ))}
              </ul>
            </div>
          </Card>
        ))}
      </div>
    </section>
  );
}
