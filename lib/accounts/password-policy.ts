// Rules for passwords that users set or change (not for the seeded demo
// accounts, whose published password predates them). Pure: the forms, the
// server actions, the data layer and the admin-create script share it.
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads only the first 72 bytes; a longer password would be silently cut. */
export const PASSWORD_MAX_BYTES = 72;
/** bcrypt cost for passwords set from now on (about a quarter of a second per check). */
export const PASSWORD_HASH_COST = 12;

export const PASSWORD_MESSAGES = {
  required: 'Vui lòng nhập mật khẩu.',
  tooShort: `Mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`,
  tooLong: `Mật khẩu dài quá ${PASSWORD_MAX_BYTES} byte (chữ có dấu chiếm 2–3 byte). Vui lòng chọn mật khẩu ngắn hơn.`,
  needsLetter: 'Mật khẩu phải có ít nhất một chữ cái.',
  needsDigitOrSymbol: 'Mật khẩu phải có ít nhất một chữ số hoặc ký hiệu (ví dụ 7, @, #).',
  containsEmail: 'Mật khẩu không được chứa phần tên trong email của tài khoản.',
  common: 'Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.',
} as const;

/** The rules in one sentence, shown beside every new-password field. */
export const PASSWORD_HINT = `Ít nhất ${PASSWORD_MIN_LENGTH} ký tự, có chữ cái và chữ số hoặc ký hiệu; không chứa phần tên trong email; không dùng mật khẩu phổ biến.`;

// Passwords long enough to pass the other rules that are still among the first
// an attacker tries, lower-cased. The demo password is here: it is published in
// the README, so no one may set it anew.
const COMMON_PASSWORDS = new Set(
  [
    '12345678910',
    '1234567890a',
    'a1234567890',
    'abc1234567',
    'abcd123456',
    'abc123456789',
    'qwerty12345',
    'qwerty123456',
    'qwertyuiop1',
    '1qaz2wsx3edc',
    'password123',
    'password@123',
    'password1234',
    'passw0rd123',
    'admin@12345',
    'admin123456',
    'administrator1',
    'iloveyou123',
    'matkhau123',
    'matkhau@123',
    'matkhau1234',
    'matkhau12345',
    'matkhaumoi1',
    'anhyeuem123',
    'emyeuanh123',
    'vietnam123',
    'vietnam@123',
    'vietnam1234',
    'hanoi@12345',
    'khuyenhoc1',
    'khuyenhoc123',
    'khuyenhoc@123',
    'khuyenhoc@2022',
    'khuyenhoc2022',
    'khuyenhoc@2025',
    'khuyenhoc@2026',
  ].map((p) => p.toLowerCase()),
);

/**
 * The form a password is hashed and compared in. Vietnamese keyboards send
 * "ệ" either as one code point or as "e" plus combining marks; bcrypt compares
 * bytes, so both are brought to NFC first.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFC');
}

const LETTER = /\p{L}/u;
const NOT_LETTER = /[^\p{L}]/u;

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** The part of an e-mail before "@", lower-cased; empty when there is none. */
function localPart(email: string | null | undefined): string {
  if (!email) return '';
  const at = email.lastIndexOf('@');
  return (at > 0 ? email.slice(0, at) : '').trim().toLowerCase();
}

/**
 * Every rule the password breaks, as Vietnamese sentences, in a stable order;
 * empty when it is acceptable. The e-mail, when given, is the account's own.
 */
export function passwordIssues(password: string, opts: { email?: string | null } = {}): string[] {
  if (password.length === 0) return [PASSWORD_MESSAGES.required];
  password = normalizePassword(password);
  const issues: string[] = [];
  // Characters as the user sees them (code points), not UTF-16 units.
  if ([...password].length < PASSWORD_MIN_LENGTH) issues.push(PASSWORD_MESSAGES.tooShort);
  if (utf8Length(password) > PASSWORD_MAX_BYTES) issues.push(PASSWORD_MESSAGES.tooLong);
  if (!LETTER.test(password)) issues.push(PASSWORD_MESSAGES.needsLetter);
  if (!NOT_LETTER.test(password)) issues.push(PASSWORD_MESSAGES.needsDigitOrSymbol);
  const local = localPart(opts.email);
  // Very short local parts ("an@…") would forbid too much to be useful.
  if (local.length >= 3 && password.toLowerCase().includes(local)) issues.push(PASSWORD_MESSAGES.containsEmail);
  if (COMMON_PASSWORDS.has(password.toLowerCase())) issues.push(PASSWORD_MESSAGES.common);
  return issues;
}

/** A password that is not checked against an e-mail (the e-mail's rule is applied where it is known). */
export const NewPasswordSchema = z
  .string({ error: PASSWORD_MESSAGES.required })
  .superRefine((value, ctx) => {
    for (const message of passwordIssues(value)) ctx.addIssue({ code: 'custom', message });
  });

/**
 * For object schemas holding both the e-mail and the password: adds each broken
 * rule as an issue on the password's field.
 */
export function refinePasswordWithEmail(
  ctx: z.RefinementCtx,
  password: string,
  email: string | null | undefined,
  path: (string | number)[],
): void {
  for (const message of passwordIssues(password, { email })) ctx.addIssue({ code: 'custom', message, path });
}

// No look-alikes (0/O, 1/l/I), so a password read out over the phone or copied
// from a screen by hand comes through intact.
const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LOWER + UPPER + DIGITS;

function randomIndex(n: number, random: (buffer: Uint32Array) => Uint32Array): number {
  // Rejection sampling: no bias towards the first characters of the alphabet.
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buffer = new Uint32Array(1);
  for (;;) {
    const [x] = random(buffer);
    if (x < limit) return x % n;
  }
}

/**
 * A random password that passes the policy: four groups of four characters
 * ("k7Pm-x3Rt-9qWe-Hn4s", about 90 bits), with at least one digit and both cases.
 * Uses Web Crypto, available in Node and browsers alike.
 */
export function generatePassword(
  opts: { email?: string | null; random?: (buffer: Uint32Array) => Uint32Array } = {},
): string {
  const random = opts.random ?? ((buffer: Uint32Array) => globalThis.crypto.getRandomValues(buffer));
  for (;;) {
    const chars = Array.from({ length: 16 }, () => ALPHABET[randomIndex(ALPHABET.length, random)]);
    const password = [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
    const hasAll = [LOWER, UPPER, DIGITS].every((set) => chars.some((c) => set.includes(c)));
    if (hasAll && passwordIssues(password, { email: opts.email }).length === 0) return password;
  }
}
