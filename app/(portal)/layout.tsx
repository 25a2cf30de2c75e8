import { AppShell } from '@/components/layout/app-shell';
import { getDb } from '@/lib/platform/db';
import { requireUser } from '@/lib/http/session';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const db = getDb();
  let scopeLabel: string | null = null;
  if (user.provinceId) {
    scopeLabel = (await db.province.findUnique({ where: { id: user.provinceId }, select: { name: true } }))?.name ?? null;
  } else if (user.clusterId) {
    scopeLabel = (await db.cluster.findUnique({ where: { id: user.clusterId }, select: { name: true } }))?.name ?? null;
  }
  return (
    <AppShell user={user} scopeLabel={scopeLabel}>
      {children}
    </AppShell>
  );
}
