import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './safe-redirect';

describe('sameOriginPath', () => {
  it('keeps paths of the portal, with their query and fragment', () => {
    expect(sameOriginPath('/bao-cao/33/2026S2')).toBe('/bao-cao/33/2026S2');
    expect(sameOriginPath('/cum/CUM3?ky=2022S1#bang')).toBe('/cum/CUM3?ky=2022S1#bang');
  });

  it('refuses every way of leaving the portal that browsers accept', () => {
    for (const target of [
      '//evil.example/',
      '/\\evil.example/',
      '/\tevil.example/',
      '/\t/evil.example/',
      '/\n/evil.example/',
      '\\\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      ' /tinh',
      '',
    ]) {
      expect(sameOriginPath(target), JSON.stringify(target)).toBeNull();
    }
  });

  it('refuses what is not a string', () => {
    expect(sameOriginPath(undefined)).toBeNull();
    expect(sameOriginPath(['/tinh', '//evil.example'])).toBeNull();
  });
});
