import { StatusPage } from '@/components/layout/status-page';

// A portal page's forbidden(): shown inside the shell, whose <main> it shares.
export default function PortalForbidden() {
  return <StatusPage status={403} />;
}
