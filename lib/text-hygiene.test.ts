import { describe, expect, it } from 'vitest';
import { cleanFormData, cleanJson, cleanText } from './text-hygiene';

// Characters are written as escapes so that the test shows exactly what it sends.
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];

describe('cleanText', () => {
  it('removes NUL and the other control characters, keeping tabs and line breaks', () => {
    expect(cleanText('Kết quả\u0000 tốt')).toBe('Kết quả tốt');
    expect(cleanText('a\u0001b\u0008c\u000Bd\u000Ce\u001Ff\u007Fg\u0085h\u009Fi')).toBe('abcdefghi');
    expect(cleanText('Dòng 1\r\nDòng 2\n\tthụt lề')).toBe('Dòng 1\r\nDòng 2\n\tthụt lề');
  });

  it('removes every bidirectional control and zero-width character', () => {
    for (const ch of [...BIDI, ...ZERO_WIDTH]) {
      const code = ch.codePointAt(0)!.toString(16);
      expect(cleanText(`Cụm${ch} III`), code).toBe('Cụm III');
    }
    // An override that would show "Nguyễn Văn A" reversed stores the letters in their true order.
    expect(cleanText('\u202Eeniluc\u202C Hà Nội')).toBe('eniluc Hà Nội');
  });

  it('keeps every Vietnamese letter and ordinary spaces, and composes decomposed tone marks (NFC)', () => {
    const vietnamese = 'Ăă Ââ Đđ Êê Ôô Ơơ Ưư ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ – “trích dẫn” 100%';
    expect(cleanText(vietnamese)).toBe(vietnamese);
    expect(cleanText('Khuye\u0302\u0301n ho\u0323c')).toBe('Khuyến học');
    // A zero-width character between a letter and its mark no longer keeps them apart.
    expect(cleanText('Hue\u200B\u0301')).toBe('Hué');
    expect(cleanText('  hai  khoảng trắng\u00A0không ngắt  ')).toBe('  hai  khoảng trắng\u00A0không ngắt  ');
  });
});

describe('cleanJson', () => {
  it('cleans every string at any depth, keys included, and leaves numbers, booleans and null', () => {
    const body = { version: 3, ok: true, none: null, data: { narrative: { results: 'Tốt\u0000' } }, list: ['a\u200Bb', 7], ['k\u0000ey']: 'v\u202E' };
    expect(cleanJson(body)).toEqual({ version: 3, ok: true, none: null, data: { narrative: { results: 'Tốt' } }, list: ['ab', 7], key: 'v' });
  });

  it('leaves passwords as typed, and a "__proto__" key as a key', () => {
    expect(cleanJson({ currentPassword: 'Mật\u200Bkhẩu\u0000', newPassword: 'x\u202E' })).toEqual({ currentPassword: 'Mật\u200Bkhẩu\u0000', newPassword: 'x\u202E' });
    const parsed = cleanJson(JSON.parse('{"__proto__": {"polluted": "yes\\u0000"}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('cleanFormData', () => {
  it('cleans text fields and keeps files and passwords as they are', () => {
    const form = new FormData();
    form.set('name', 'Mã\u0000 của tôi\u202E');
    form.set('password', 'bí\u200Bmật');
    const file = new File([new Uint8Array([80, 75, 3, 4])], 'báo cáo.xlsx');
    form.set('file', file);
    const cleaned = cleanFormData(form);
    expect(cleaned.get('name')).toBe('Mã của tôi');
    expect(cleaned.get('password')).toBe('bí\u200Bmật');
    expect(cleaned.get('file')).toBe(file);

    form.set('file', new File([new Uint8Array([80, 75, 3, 4])], `ba\u0301o ca\u0301o\u202Excslx.xlsx`, { type: 'application/octet-stream' }));
    const renamed = cleanFormData(form).get('file') as File;
    expect(renamed.name).toBe('báo cáoxcslx.xlsx');
    expect([renamed.size, renamed.type]).toEqual([4, 'application/octet-stream']);
  });
});
