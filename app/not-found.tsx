import { connection } from 'next/server';
import { StatusPage } from '@/components/layout/status-page';

// Rendered per request, not prerendered: a static page's scripts could not carry
// the per-request CSP nonce (proxy.ts) and the browser would block them.
// An address outside the portal: no shell, so the page brings its own <main>.
export default async function NotFound() {
  await connection();
  return (
    <main>
      <StatusPage status={404} />
    </main>
  );
}
