import { describe, expect, it } from 'vitest';
import { decodeDraftStash, draftStashKey, encodeDraftStash, stashedChanges } from './draft-stash';

describe('draft stash', () => {
  it('keeps one stash per user and report', () => {
    const keys = new Set([
      draftStashKey('u1', { provinceCode: '33', periodCode: '2026S2' }),
      draftStashKey('u2', { provinceCode: '33', periodCode: '2026S2' }),
      draftStashKey('u1', { provinceCode: '33', periodCode: '2026S1' }),
      draftStashKey('u1', { provinceCode: '01', periodCode: '2026S2' }),
    ]);
    expect(keys.size).toBe(4);
  });

  it('reads back what it wrote, keeping only catalogue figures given as text', () => {
    const raw = encodeDraftStash({ values: { 'models.FAMILY.total': '1.200', 'fund.opening': '12a' }, version: 3, at: 1_700_000_000_000 });
    expect(decodeDraftStash(raw)).toEqual({ values: { 'models.FAMILY.total': '1.200', 'fund.opening': '12a' }, version: 3, at: 1_700_000_000_000 });
    const tampered = JSON.stringify({ values: { 'models.FAMILY.total': 5, __proto__x: 'x', 'narrative.plan': 'Kế hoạch' }, version: 1, at: 1 });
    expect(decodeDraftStash(tampered)?.values).toEqual({ 'narrative.plan': 'Kế hoạch' });
  });

  it('ignores anything that is not a stash', () => {
    for (const raw of [null, '', 'not json', '[]', 'null', '{"values":{},"version":1,"at":1}', '{"values":{"fund.spent":"1"},"version":"1","at":1}']) {
      expect(decodeDraftStash(raw), String(raw)).toBeNull();
    }
  });

  it('counts as changes only figures that differ in meaning from the form', () => {
    const stash = { values: { 'models.FAMILY.total': '1234', 'models.FAMILY.registered': '900', 'narrative.plan': ' Mở lớp ' }, version: 1, at: 0 };
    expect(stashedChanges(stash, { 'models.FAMILY.total': '1.234', 'models.FAMILY.registered': '', 'narrative.plan': 'Mở lớp' })).toEqual([
      'models.FAMILY.registered',
    ]);
  });
});
