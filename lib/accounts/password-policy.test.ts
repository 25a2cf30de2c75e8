import { describe, expect, it } from 'vitest';
import { generatePassword, NewPasswordSchema, PASSWORD_MESSAGES, passwordIssues } from './password-policy';
import { ChangePasswordSchema, CreateUserSchema } from './user-schemas';

/** Messages by field path, as the form action returns them. */
function errorsOf(result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of result.error?.issues ?? []) (out[issue.path.map(String).join('.')] ??= []).push(issue.message);
  return out;
}

describe('passwordIssues', () => {
  it('accepts a long password with letters and a digit or a symbol', () => {
    expect(passwordIssues('hoc-tap-suot-doi')).toEqual([]);
    expect(passwordIssues('Gianghoc2026')).toEqual([]);
    expect(passwordIssues('Mùa thu Hà Nội 1')).toEqual([]);
  });

  it('needs at least 10 characters, counted as the user sees them', () => {
    expect(passwordIssues('Abc12345!')).toEqual([PASSWORD_MESSAGES.tooShort]);
    expect(PASSWORD_MESSAGES.tooShort).toBe('Mật khẩu phải có ít nhất 10 ký tự.');
    expect(passwordIssues('Abc123456!')).toEqual([]);
    // Nine letters with diacritics are nine characters, not eighteen UTF-16 units or bytes.
    expect(passwordIssues('họcđườngờ1')).toEqual([]);
    expect(passwordIssues('họcđườngờ')).toContain(PASSWORD_MESSAGES.tooShort);
  });

  it('refuses only letters and only digits', () => {
    expect(passwordIssues('khuyenhocvietnam')).toEqual([PASSWORD_MESSAGES.needsDigitOrSymbol]);
    expect(passwordIssues('98765432101')).toEqual([PASSWORD_MESSAGES.needsLetter]);
    expect(passwordIssues('!!!###$$$%%%')).toEqual([PASSWORD_MESSAGES.needsLetter]);
  });

  it('refuses the local part of the account e-mail, in any case', () => {
    expect(passwordIssues('NguyenVanAn-2026', { email: 'nguyenvanan@tinh.vn' })).toEqual([PASSWORD_MESSAGES.containsEmail]);
    expect(passwordIssues('NguyenVanAn-2026', { email: 'other@tinh.vn' })).toEqual([]);
    // Local parts shorter than three characters are not checked: they would forbid too much.
    expect(passwordIssues('an-toan-2026', { email: 'an@tinh.vn' })).toEqual([]);
  });

  it('refuses common passwords and the published demo password, in any case', () => {
    for (const p of ['12345678910', 'matkhau123', 'MatKhau123', 'KhuyenHoc@2022', 'khuyenhoc@2022', 'Password123']) {
      expect(passwordIssues(p), p).toContain(PASSWORD_MESSAGES.common);
    }
  });

  it('refuses what bcrypt would cut: more than 72 bytes', () => {
    expect(passwordIssues('a1'.repeat(36))).toEqual([]);
    expect(passwordIssues('a1'.repeat(36) + 'x')).toEqual([PASSWORD_MESSAGES.tooLong]);
    // 25 × "ệ" (3 bytes each) is 75 bytes, although only 26 characters.
    expect(passwordIssues('ệ'.repeat(25) + '1')).toEqual([PASSWORD_MESSAGES.tooLong]);
  });

  it('reads a password in NFC, so a decomposed "ệ" counts as one character', () => {
    const decomposed = 'Hệ thống 1'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(10);
    expect(passwordIssues(decomposed)).toEqual([]);
    expect(passwordIssues('Hệ thống'.normalize('NFD'))).toEqual([PASSWORD_MESSAGES.tooShort]);
  });

  it('reports every broken rule, and an empty password once', () => {
    expect(passwordIssues('')).toEqual([PASSWORD_MESSAGES.required]);
    expect(passwordIssues('abc')).toEqual([PASSWORD_MESSAGES.tooShort, PASSWORD_MESSAGES.needsDigitOrSymbol]);
  });
});

describe('generatePassword', () => {
  it('makes passwords that pass the policy, in four groups of four, different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword({ email: 'abc@tinh.vn' });
      expect(p).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{4}(-[a-km-np-zA-HJ-NP-Z2-9]{4}){3}$/);
      expect(passwordIssues(p, { email: 'abc@tinh.vn' })).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('draws again until the password has a digit and both cases', () => {
    // A source that first yields only "a"s (index 0), then a spread of indices.
    let call = 0;
    const random = (buffer: Uint32Array) => {
      buffer[0] = call < 16 ? 0 : call * 7;
      call++;
      return buffer;
    };
    const p = generatePassword({ random });
    expect(call).toBeGreaterThan(16);
    expect(p).not.toBe('aaaa-aaaa-aaaa-aaaa');
    expect(p).toMatch(/[2-9]/);
    expect(p).toMatch(/[a-z]/);
    expect(p).toMatch(/[A-Z]/);
  });
});

describe('schemas using the policy', () => {
  it('NewPasswordSchema reports the rules in Vietnamese', () => {
    const result = NewPasswordSchema.safeParse('ngan');
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message)).toEqual([PASSWORD_MESSAGES.tooShort, PASSWORD_MESSAGES.needsDigitOrSymbol]);
  });

  it('a typed initial password is checked against the new account e-mail and its confirmation', () => {
    const base = { email: 'canbo.hanoi@tinh.vn', name: 'Cán bộ', role: 'CENTRAL', passwordMode: 'typed' };
    const containsEmail = CreateUserSchema.safeParse({ ...base, password: 'canbo.hanoi-2026', passwordConfirm: 'canbo.hanoi-2026' });
    expect(errorsOf(containsEmail).password).toEqual([PASSWORD_MESSAGES.containsEmail]);
    const mismatch = CreateUserSchema.safeParse({ ...base, password: 'Song-Hong-2026', passwordConfirm: 'Song-Hong-2025' });
    expect(errorsOf(mismatch).passwordConfirm).toEqual(['Mật khẩu nhập lại không khớp.']);
    const ok = CreateUserSchema.parse({ ...base, password: 'Song-Hong-2026', passwordConfirm: 'Song-Hong-2026' });
    expect(ok).toMatchObject({ email: 'canbo.hanoi@tinh.vn', password: 'Song-Hong-2026', provinceId: null, clusterId: null });
    // Generated: no password is taken from the form, even if one was sent.
    expect(CreateUserSchema.parse({ ...base, passwordMode: 'generate', password: 'x' }).password).toBeNull();
  });

  it('a new password must differ from the current one and be typed twice alike', () => {
    const same = ChangePasswordSchema.safeParse({ currentPassword: 'Song-Hong-2026', newPassword: 'Song-Hong-2026', confirmPassword: 'Song-Hong-2026' });
    expect(errorsOf(same).newPassword).toEqual(['Mật khẩu mới phải khác mật khẩu hiện tại.']);
    const mismatch = ChangePasswordSchema.safeParse({ currentPassword: 'x', newPassword: 'Song-Hong-2026', confirmPassword: 'Song-Hong-2027' });
    expect(errorsOf(mismatch).confirmPassword).toEqual(['Mật khẩu nhập lại không khớp.']);
    const missing = ChangePasswordSchema.safeParse({ newPassword: 'Song-Hong-2026', confirmPassword: 'Song-Hong-2026' });
    expect(errorsOf(missing).currentPassword).toEqual(['Vui lòng nhập mật khẩu hiện tại.']);
  });
});
