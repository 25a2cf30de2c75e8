import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/platform/db';
import { listClusters } from '@/lib/reference/clusters';
import { ensure, requireUser } from '@/lib/http/session';
import { canOpenClusterPages, canReadNational, ledClusterId } from '@/lib/permissions';

export const metadata: Metadata = { title: 'Các cụm khuyến học' };

export default async function ClustersPage() {
  const user = await requireUser();
  ensure(canOpenClusterPages(user));
  const clusters = await listClusters(getDb());
  const led = ledClusterId(user);
  if (led !== null || !canReadNational(user)) {
    const own = clusters.find((c) => c.id === led);
    ensure(own !== undefined);
    redirect(`/cum/${own!.code}`);
  }
  return (
    <section>
      <h1 className="text-2xl font-bold">Các cụm khuyến học</h1>
      {clusters.length === 0 ? (
        <p className="mt-4 text-slate-600">Chưa có cụm nào. Quản trị viên có thể tạo cụm trong trang Quản trị.</p>
      ) : (
        <ul className="mt-4 grid gap-3 sm:grid-cols-2">
          {clusters.map((c) => (
            <li key={c.id}>
              <Link href={`/cum/${c.code}`} className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600">
                <span className="block font-semibold">{c.name}</span>
                {c.region ? <span className="block text-sm text-slate-600">{c.region}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
