import { AppShell } from '@/components/layout/app-shell';
import { requireUser } from '@/lib/http/session';
import { getDb } from '@/lib/platform/db';
import { accountScopeLabel } from '@/lib/reference/provinces';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const scopeLabel = await accountScopeLabel(getDb(), user);
  return (
    <AppShell user={user} scopeLabel={scopeLabel}>
      {children}
    </AppShell>
  );
}
