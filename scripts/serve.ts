// The production server that `npm start` runs (scripts/start.ts starts it once
// the database is ready and the build is current): Next's own request handler
// (its custom-server API, `next({ dev: false })`) behind a small Node server
// that does two things `next start` cannot:
//
// - it tells the app the socket's address, in PEER_ADDRESS_HEADER, after
//   deleting any copy the client sent: `next start` keeps a client-sent
//   X-Forwarded-For and fills it from the socket only when absent, so a client
//   could hide its address (lib/platform/forwarded.ts);
// - it refuses a server action from its headers (lib/http/action-gate.ts)
//   before any of the body is read: Next would buffer the body for proxy.ts,
//   then parse it, before the action's own session check.
//
// Otherwise it serves as `next start` does: the build in NEXT_DIST_DIR (.next),
// on PORT (3000) and HOSTNAME_BIND (0.0.0.0), NODE_ENV=production; on SIGINT or
// SIGTERM it stops accepting connections, finishes the requests in flight and exits.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

import { checkServerActionRequest, gateOptionsFromEnv, isPossibleServerAction, type GateOptions } from '../lib/http/action-gate';
import { PEER_ADDRESS_HEADER } from '../lib/platform/forwarded';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function pathnameOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://portal.invalid').pathname;
  } catch {
    return '/';
  }
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/**
 * The request listener: the peer header, the action gate, then Next. `expectContinue`:
 * the client sent `Expect: 100-continue` and waits before sending its body, which it
 * is asked for only once the gate lets the request through.
 */
export function createPortalListener(next: Handler, gate: GateOptions) {
  return async function listener(req: IncomingMessage, res: ServerResponse, expectContinue = false): Promise<void> {
    try {
      delete req.headers[PEER_ADDRESS_HEADER];
      if (req.socket.remoteAddress) req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress;
      const pathname = pathnameOf(req.url);
      if (isPossibleServerAction(req.method ?? 'GET', pathname)) {
        const refusal = await checkServerActionRequest({ pathname, headers: headersOf(req) }, gate);
        if (refusal) {
          // The body is left unread: Node discards it as it arrives, holding none of it.
          res.writeHead(refusal.status, refusal.headers);
          res.end(refusal.message);
          return;
        }
      }
      if (expectContinue) res.writeContinue();
      await next(req, res);
    } catch (error) {
      console.error(`Failed to handle request for ${req.url}`, error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end('Internal Server Error');
      } else {
        res.destroy();
      }
    }
  };
}

async function main(): Promise<void> {
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV || 'production' });
  const port = Number(process.env.PORT || 3000);
  const hostname = process.env.HOSTNAME_BIND || '0.0.0.0';
  // Imported once NODE_ENV is set, as `next start` sets it before loading Next.
  const { default: next } = await import('next');

  const server = http.createServer();
  const app = next({ dev: false, dir: process.cwd(), hostname, port, httpServer: server });
  await app.prepare();
  const listener = createPortalListener(app.getRequestHandler(), gateOptionsFromEnv());
  server.on('request', (req, res) => void listener(req, res));
  server.on('checkContinue', (req, res) => void listener(req, res, true));
  server.on('error', (error) => {
    console.error('Failed to start server', error);
    process.exit(1);
  });
  server.listen(port, hostname, () => console.log(`[khởi động] Sẵn sàng nhận yêu cầu (${hostname}:${port}).`));

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const code = signal === 'SIGINT' ? 130 : 143;
    // Keep-alive connections would hold close() open; a request still running after 10 s is cut.
    setTimeout(() => process.exit(code), 10_000).unref();
    server.close(() => void app.close().finally(() => process.exit(code)));
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
