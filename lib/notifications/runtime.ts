import 'server-only';
import { getDb } from '../platform/db';
import { mailSettingsFromEnv } from '../platform/env';
import { getLogger } from '../platform/logger';
import { startNotificationWorker, type NotificationWorker } from './worker';

// The server process's notification worker, started once by instrumentation.ts's register() on
// the Node.js runtime. On globalThis, like the database client, so that a dev-mode reload or a
// second bundle that loads this module does not start a second loop in the same process.

const globalForWorker = globalThis as typeof globalThis & { __khuyenhocNotificationWorker?: NotificationWorker };

export function startNotificationRuntime(): NotificationWorker {
  if (!globalForWorker.__khuyenhocNotificationWorker) {
    const mail = mailSettingsFromEnv();
    const worker = startNotificationWorker(getDb(), { mail });
    getLogger().info({ workerId: worker.workerId, email: mail ? 'smtp' : 'off' }, mail ? 'notifications: in the portal and by e-mail' : 'notifications: in the portal only (SMTP_URL and MAIL_FROM not set)');
    globalForWorker.__khuyenhocNotificationWorker = worker;
  }
  return globalForWorker.__khuyenhocNotificationWorker;
}
