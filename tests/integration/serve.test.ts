// scripts/serve.ts's request listener on a real socket, with a stand-in for
// Next's handler: the app learns the socket's address (a client cannot forge
// it, whatever X-Forwarded-For says), and a server action the gate refuses is
// answered before its body is sent, without Next ever seeing it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { clientIp } from '../../lib/accounts/sign-in-throttle';
import { GATE_MESSAGES, type GateOptions } from '../../lib/http/action-gate';
import { PEER_ADDRESS_HEADER } from '../../lib/platform/forwarded';
import { createPortalListener } from '../../scripts/serve';

const SECRET = 'serve-test-secret-0123456789abcdef0123456789';
const MB = 1024 * 1024;

type Seen = { url: string; headers: http.IncomingHttpHeaders; bodyBytes: number };
let seen: Seen[] = [];
let gate: GateOptions = { secret: SECRET, secureCookie: false, trustedProxies: 0 };
let server: http.Server;
let port: number;

beforeAll(async () => {
  // Next's stand-in: reads the whole body, answers what it saw.
  const next = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let bodyBytes = 0;
    for await (const chunk of req) bodyBytes += (chunk as Buffer).length;
    seen.push({ url: req.url ?? '', headers: { ...req.headers }, bodyBytes });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ bodyBytes }));
  };
  server = http.createServer();
  server.on('request', (req, res) => void createPortalListener(next, gate)(req, res));
  server.on('checkContinue', (req, res) => void createPortalListener(next, gate)(req, res, true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  gate = { secret: SECRET, secureCookie: false, trustedProxies: 0 };
});

async function cookie(): Promise<string> {
  const token = await encode({ token: { uid: 'u-1', role: 'ADMIN', provinceId: null, clusterId: null }, secret: SECRET });
  return `next-auth.session-token=${token}`;
}

type Answer = { status: number; text: string; askedForBody: boolean };

/**
 * A request whose body is sent only when `send` says so: 'never' sends headers alone and
 * waits for the answer; 'on-continue' uses Expect: 100-continue and sends it if asked.
 */
function request(method: string, path: string, headers: Record<string, string>, send: 'never' | 'on-continue' | Buffer = 'never'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = Buffer.isBuffer(send) ? send : null;
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: send === 'on-continue' ? { ...headers, expect: '100-continue' } : headers });
    let askedForBody = false;
    req.on('continue', () => {
      askedForBody = true;
      req.end(Buffer.alloc(Number(headers['content-length'] ?? 0)));
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, text, askedForBody });
        req.destroy();
      });
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.flushHeaders();
  });
}

describe('the socket’s address', () => {
  it('reaches the app in the peer header, replacing a copy the client sent, so X-Forwarded-For cannot choose the address', async () => {
    for (const forwardedFor of ['203.0.113.9', '198.51.100.1', '203.0.113.9, 198.51.100.7']) {
      const answer = await request('GET', '/dang-nhap', { 'x-forwarded-for': forwardedFor, [PEER_ADDRESS_HEADER]: '198.51.100.99' }, Buffer.alloc(0));
      expect(answer.status).toBe(200);
    }
    expect(seen.map((s) => s.headers[PEER_ADDRESS_HEADER])).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
    // Every attempt counts against the one address the sign-in throttle sees.
    expect(seen.map((s) => clientIp(s.headers, 0))).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
    // Behind one trusted proxy (here the test itself), the entry that proxy appended.
    expect(clientIp(seen[2].headers, 1)).toBe('198.51.100.7');
  });
});

describe('the server-action gate, before the body', () => {
  const action = { 'next-action': '7f00aa', 'content-type': 'multipart/form-data; boundary=----x', origin: `http://127.0.0.1`, host: '127.0.0.1' };

  it('answers an anonymous 5 MB upload with 401 without its body being sent, and Next never sees it', async () => {
    const answer = await request('POST', '/nhap-lich-su', { ...action, 'content-length': String(5 * MB) }, 'never');
    expect(answer).toEqual({ status: 401, text: GATE_MESSAGES.NOT_SIGNED_IN, askedForBody: false });
    const asked = await request('POST', '/nhap-lich-su', { ...action, 'content-length': String(5 * MB) }, 'on-continue');
    expect(asked).toEqual({ status: 401, text: GATE_MESSAGES.NOT_SIGNED_IN, askedForBody: false });
    expect(seen).toEqual([]);
  });

  it('answers 413 and 403 the same way', async () => {
    const tooLarge = await request('POST', '/nhap-lich-su', { ...action, cookie: await cookie(), 'content-length': String(10 * MB) }, 'on-continue');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.askedForBody).toBe(false);
    expect(tooLarge.text).toMatch(/^Dữ liệu gửi lên quá lớn \(10 MB\); trang này nhận tối đa 9 MB\./);
    const foreign = await request('POST', '/tinh', { ...action, origin: 'https://evil.example', 'content-length': '10' }, 'never');
    expect(foreign).toEqual({ status: 403, text: GATE_MESSAGES.CROSS_SITE, askedForBody: false });
    expect(seen).toEqual([]);
  });

  it('asks a signed-in user for the body and hands it to Next', async () => {
    const answer = await request('POST', '/nhap-lich-su', { ...action, cookie: await cookie(), 'content-length': String(5 * MB) }, 'on-continue');
    expect(answer).toEqual({ status: 200, text: JSON.stringify({ bodyBytes: 5 * MB }), askedForBody: true });
    expect(seen).toHaveLength(1);
  });
});
