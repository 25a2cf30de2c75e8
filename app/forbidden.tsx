import { StatusPage } from '@/components/layout/status-page';

// Outside the portal's shell (refused before its layout renders): the page brings its own <main>.
export default function Forbidden() {
  return (
    <main>
      <StatusPage status={403} />
    </main>
  );
}
