// Where a visitor may be sent after signing in: a path on the portal itself, never another
// site. A check on the string's first characters is not enough: browsers read "/\evil.example"
// as "//evil.example", and drop tabs and line breaks ("/\t/evil.example"), so the target is
// resolved against a placeholder origin and refused unless it stays there.

const PLACEHOLDER_ORIGIN = 'https://portal.invalid';

/** The same-origin path (with its query and fragment) that `value` leads to, or null for anything else. */
export function sameOriginPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null;
  // Backslashes and control characters have no business in a portal path; browsers rewrite them.
  if (/[\\\u0000-\u001f\u007f]/u.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
