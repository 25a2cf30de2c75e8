// Runs once when a Next.js server starts (Next's instrumentation hook, also under scripts/serve.ts,
// whose `next()` server calls it when it prepares): starts this instance's notification worker
// (lib/notifications/worker.ts), which delivers the e-mail outbox and runs the daily deadline
// reminders. Every instance runs one; they share the work through row leases in the database.
// Only on the Node.js runtime (the worker needs the database and SMTP), and not while `next build`
// loads the app to collect its pages. A worker that cannot start is logged, and the portal serves
// on: notifications are still written (in the portal, and queued for e-mail) and go out once it runs.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  try {
    const { startNotificationRuntime } = await import('./lib/notifications/runtime');
    startNotificationRuntime();
  } catch (error) {
    console.error('notifications: the worker did not start', error);
  }
}
