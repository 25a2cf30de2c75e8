// A request's id, carried in the x-request-id header from proxy.ts to every
// log line of the request. Pure: proxy.ts and the server's logger share it.

/** An id we accept from a client or a load balancer: short, no spaces or control characters. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** The request's id: its x-request-id header when well formed, else a new one. */
export function requestIdFrom(headers: Pick<Headers, 'get'> | null | undefined): string {
  const given = headers?.get(REQUEST_ID_HEADER)?.trim();
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
