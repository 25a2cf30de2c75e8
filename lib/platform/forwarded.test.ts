import { describe, expect, it } from 'vitest';

import { addressKey, clientAddress, isSameOrigin, requestHost } from './forwarded';

const PEER = '192.0.2.10';

describe('clientAddress', () => {
  it('with no proxy in front, is the socket’s peer whatever X-Forwarded-For says', () => {
    for (const forwardedFor of [undefined, '203.0.113.9', '198.51.100.1', '203.0.113.9, 198.51.100.7', 'unknown', ' , ']) {
      expect(clientAddress({ forwardedFor, peer: PEER }, 0), String(forwardedFor)).toBe(PEER);
    }
  });

  it('behind one proxy, is the entry that proxy wrote, whether it appends or overwrites', () => {
    // The proxy (the socket's peer) appends the address it saw; anything before it is the client's own.
    expect(clientAddress({ forwardedFor: '198.51.100.7', peer: PEER }, 1)).toBe('198.51.100.7');
    expect(clientAddress({ forwardedFor: '203.0.113.9, 198.51.100.7', peer: PEER }, 1)).toBe('198.51.100.7');
    expect(clientAddress({ forwardedFor: 'anything, at all, 198.51.100.7', peer: PEER }, 1)).toBe('198.51.100.7');
  });

  it('behind two proxies, skips both', () => {
    expect(clientAddress({ forwardedFor: '203.0.113.9, 198.51.100.7, 10.0.0.5', peer: '10.0.0.6' }, 2)).toBe('198.51.100.7');
  });

  it('believes only the nearest hop of a chain shorter than the proxies configured (sent around them)', () => {
    expect(clientAddress({ peer: PEER }, 1)).toBe(PEER);
    expect(clientAddress({ forwardedFor: '198.51.100.7', peer: PEER }, 2)).toBe(PEER);
  });

  it('stops at an entry that is not an address: no proxy of ours wrote it', () => {
    expect(clientAddress({ forwardedFor: 'unknown', peer: PEER }, 1)).toBe(PEER);
    expect(clientAddress({ forwardedFor: '198.51.100.7, <script>', peer: '10.0.0.6' }, 2)).toBe('10.0.0.6');
    expect(clientAddress({ forwardedFor: 'x'.repeat(500), peer: 'also-not-an-address' }, 1)).toBe('unknown');
  });

  it('without the peer header (next dev, a bare next start), counts from the chain Next and the proxies left', () => {
    // next dev: Next put the socket's address in X-Forwarded-For.
    expect(clientAddress({ forwardedFor: '127.0.0.1' }, 0)).toBe('127.0.0.1');
    // Behind a proxy that appends: the proxy's own address is the part missing.
    expect(clientAddress({ forwardedFor: '203.0.113.9, 198.51.100.7' }, 1)).toBe('198.51.100.7');
    expect(clientAddress({}, 0)).toBe('unknown');
  });
});

describe('addressKey', () => {
  it('keeps IPv4, unwraps IPv4-mapped IPv6 and drops ports', () => {
    expect(addressKey(' 203.0.113.9 ')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('203.0.113.9:51234')).toBe('203.0.113.9');
    expect(addressKey('[2001:db8::1]:443')).toBe('2001:db8::/64');
  });

  it('counts IPv6 by its /64, so one subscriber cannot rotate through its own network', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:DB8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80::/64');
    expect(addressKey('::1')).toBe('::/64');
    expect(addressKey('64:ff9b::198.51.100.7')).toBe('64:ff9b::/64');
  });

  it('refuses what is not an address', () => {
    for (const entry of ['', 'unknown', 'localhost', '999.1.1.1', '1.2.3', '2001:db8::1::2', '203.0.113.9:']) {
      expect(addressKey(entry), entry).toBeNull();
    }
  });
});

describe('requestHost and isSameOrigin', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('is Host unless proxies in front set X-Forwarded-Host', () => {
    const h = headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'khuyenhoc.example.vn' });
    expect(requestHost(h, 0)).toBe('127.0.0.1:3000');
    expect(requestHost(h, 1)).toBe('khuyenhoc.example.vn');
    expect(requestHost(headers({ host: 'Portal.Example.VN' }), 1)).toBe('portal.example.vn');
    // Appended by the proxy after the client's own: the proxy's entry.
    expect(requestHost(headers({ host: 'a', 'x-forwarded-host': 'evil.example, khuyenhoc.example.vn' }), 1)).toBe('khuyenhoc.example.vn');
    expect(requestHost(headers({}), 0)).toBeNull();
  });

  it('compares the Origin’s host with it; no Origin passes, a malformed or null one does not', () => {
    const own = headers({ host: 'khuyenhoc.example.vn', origin: 'https://khuyenhoc.example.vn' });
    expect(isSameOrigin(own, 0)).toBe(true);
    expect(isSameOrigin(headers({ host: 'khuyenhoc.example.vn', origin: 'https://evil.example' }), 0)).toBe(false);
    expect(isSameOrigin(headers({ host: 'khuyenhoc.example.vn', origin: 'null' }), 0)).toBe(false);
    expect(isSameOrigin(headers({ host: 'khuyenhoc.example.vn' }), 0)).toBe(true);
    expect(isSameOrigin(headers({ origin: 'http://localhost' }), 0, 'localhost')).toBe(true);
    expect(isSameOrigin(headers({ origin: 'http://localhost' }), 0)).toBe(false);
  });
});
