import { AppShell } from '@/components/layout/app-shell';
import { requireUser } from '@/lib/http/session';
import { getDb } from '@/lib/platform/db';
import { accountScopeLabel } from '@/lib/reference/provinces';
import { unreadNotificationCount } from '@/lib/notifications/inbox';

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [scopeLabel, unreadNotifications] = await Promise.all([accountScopeLabel(getDb(), user), unreadNotificationCount(getDb(), user)]);
  return (
    <AppShell user={user} scopeLabel={scopeLabel} unreadNotifications={unreadNotifications}>
      {children}
    </AppShell>
  );
}
