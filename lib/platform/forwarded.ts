// What a request says about where it came from and which host it asked for,
// believed only as far as the deployment's own proxies vouch for it
// (TRUSTED_PROXY_COUNT, lib/platform/env.ts). Pure: the sign-in throttle, the
// API's cross-site check, the server-action gate and scripts/serve.ts share it.
//
// Each proxy in front of the portal adds the address it received the request
// from to X-Forwarded-For, so the chain reads
//   [whatever the client wrote…, client, proxy 1, …, proxy n-1]  + socket peer (proxy n)
// and only the entries our proxies wrote can be believed: the client is the hop
// TRUSTED_PROXY_COUNT places from the right of [X-Forwarded-For…, socket peer];
// with no proxy, the socket peer itself. Whatever stands further left was
// written by the client, so rotating the header or prefixing it changes nothing.
//
// The socket peer: `next start` fills X-Forwarded-For from the socket only when
// the request has none, so a client that sends its own would hide it.
// scripts/serve.ts (what `npm start` runs) puts the socket's address in
// PEER_ADDRESS_HEADER, after deleting any copy the client sent.
import { isIP } from 'node:net';

/** Set by scripts/serve.ts to the socket's remote address; a client-sent copy is deleted first. */
export const PEER_ADDRESS_HEADER = 'x-khuyenhoc-peer-address';

/** The counted address when the request names none we can believe. */
export const UNKNOWN_ADDRESS = 'unknown';

type HeaderGetter = { get(name: string): string | null };

function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/**
 * The key an address is counted under, or null when the entry is not an address:
 * IPv4 as it is (an IPv4-mapped IPv6 address too), an IPv6 address by its /64,
 * the network one subscriber is given (else a single client could rotate through
 * 2^64 addresses). A port some proxies add ("203.0.113.9:51234", "[2001:db8::1]:443")
 * and an IPv6 zone are dropped.
 */
export function addressKey(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d{1,5}$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  value = value.replace(/%[\w.-]*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1];
  const version = isIP(value);
  if (version === 4) return value;
  if (version !== 6) return null;
  const prefix = ipv6Groups(value).slice(0, 4).map((group) => group.toString(16)).join(':');
  return `${new URL(`http://[${prefix}::]`).hostname.slice(1, -1)}/64`;
}

/**
 * The client's address as counted by the sign-in throttle: the hop `trustedProxies` places
 * from the right of [X-Forwarded-For…, peer], as addressKey() gives it.
 *
 * - A chain shorter than the proxies configured did not come through them all (a request
 *   sent straight to the port): only the nearest hop is believed.
 * - An entry that is not an address was not written by a proxy of ours: the walk stops
 *   there and keeps the hop to its right.
 * - Without `peer` (`next dev`, or a bare `next start`): with proxies in front, the nearest
 *   one's own address is simply missing from the chain; with none, the last entry is the
 *   socket's as Next filled it in, unless the client sent the header itself, which only
 *   scripts/serve.ts can tell.
 */
export function clientAddress(
  { forwardedFor, peer }: { forwardedFor?: string | null; peer?: string | null },
  trustedProxies: number,
): string {
  const hops = (forwardedFor ?? '')
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map(addressKey);
  const hasPeer = peer !== undefined && peer !== null && peer.trim() !== '';
  if (hasPeer) hops.push(addressKey(peer));
  const missingNearest = !hasPeer && trustedProxies > 0 ? 1 : 0;
  const wanted = hops.length - 1 - trustedProxies + missingNearest;
  const stop = wanted < 0 ? hops.length - 1 : wanted;
  let client: string | null = null;
  for (let i = hops.length - 1; i >= stop && i >= 0; i--) {
    const key = hops[i];
    if (key === null) break;
    client = key;
  }
  return client ?? UNKNOWN_ADDRESS;
}

/**
 * The host the client asked for, lower-cased: with proxies in front, X-Forwarded-Host as
 * the outermost of them set it (the same count from the right as X-Forwarded-For, for
 * proxies that append); without, or when they did not set it, Host. A client-sent
 * X-Forwarded-Host is believed only when TRUSTED_PROXY_COUNT says a proxy overwrites it.
 */
export function requestHost(headers: HeaderGetter, trustedProxies: number): string | null {
  if (trustedProxies > 0) {
    const entries = (headers.get('x-forwarded-host') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length > 0) return entries[Math.max(0, entries.length - trustedProxies)].toLowerCase();
  }
  return headers.get('host')?.trim().toLowerCase() || null;
}

/**
 * Whether the request's Origin is the portal's own host (requestHost, else `fallbackHost`),
 * as Next checks server actions: no Origin at all is not a cross-site browser request
 * (browsers send one with every POST); `Origin: null` is refused.
 */
export function isSameOrigin(headers: HeaderGetter, trustedProxies: number, fallbackHost?: string): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const host = requestHost(headers, trustedProxies) ?? fallbackHost?.toLowerCase();
  return host !== undefined && originHost === host;
}
