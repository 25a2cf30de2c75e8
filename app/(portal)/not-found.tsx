import { StatusPage } from '@/components/layout/status-page';

// A portal page's notFound(): shown inside the shell, whose <main> it shares.
export default function PortalNotFound() {
  return <StatusPage status={404} />;
}
