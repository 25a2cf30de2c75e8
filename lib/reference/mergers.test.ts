import { describe, expect, it } from 'vitest';
import { currentSuccessor, predecessorsOf, type ProvinceNode } from './mergers';

const BEFORE = new Date('2000-01-01T00:00:00Z');
const LAST_DAY = new Date('2025-06-30T00:00:00Z');
const MERGER = new Date('2025-07-01T00:00:00Z');

function old(id: string, code: string, successorId: string): ProvinceNode {
  return { id, code, validFrom: BEFORE, validTo: LAST_DAY, successorId };
}
function current(id: string, code: string, validFrom = BEFORE): ProvinceNode {
  return { id, code, validFrom, validTo: null, successorId: null };
}

// Cluster III and its neighbours around the 1 July 2025 mergers. The new provinces are new
// records (ids ending in -2025) even when they reuse a predecessor's name or code.
const NODES: ProvinceNode[] = [
  current('ha-noi', '01'),
  old('vinh-phuc', '26', 'phu-tho-2025'),
  old('hoa-binh', '17', 'phu-tho-2025'),
  old('phu-tho', '25', 'phu-tho-2025'),
  current('phu-tho-2025', '25', MERGER),
  old('bac-ninh', '27', 'bac-ninh-2025'),
  old('bac-giang', '24', 'bac-ninh-2025'),
  current('bac-ninh-2025', '27', MERGER),
  old('hung-yen', '33', 'hung-yen-2025'),
  old('thai-binh', '34', 'hung-yen-2025'),
  current('hung-yen-2025', '33', MERGER),
  old('ninh-binh', '37', 'ninh-binh-2025'),
  old('ha-nam', '35', 'ninh-binh-2025'),
  old('nam-dinh', '36', 'ninh-binh-2025'),
  current('ninh-binh-2025', '37', MERGER),
];

describe('currentSuccessor', () => {
  it('is the province itself when it was never merged', () => {
    expect(currentSuccessor('ha-noi', NODES)).toBe('ha-noi');
    expect(currentSuccessor('ninh-binh-2025', NODES)).toBe('ninh-binh-2025');
  });

  it('follows a merger to the new province', () => {
    expect(currentSuccessor('vinh-phuc', NODES)).toBe('phu-tho-2025');
    expect(currentSuccessor('thai-binh', NODES)).toBe('hung-yen-2025');
    expect(currentSuccessor('nam-dinh', NODES)).toBe('ninh-binh-2025');
  });

  it('follows a chain of successive mergers to its end', () => {
    const chain: ProvinceNode[] = [old('a', '1', 'b'), old('b', '2', 'c'), old('c', '3', 'd'), current('d', '4')];
    expect(currentSuccessor('a', chain)).toBe('d');
    expect(currentSuccessor('c', chain)).toBe('d');
  });

  it('throws on a cycle instead of looping forever', () => {
    const cycle: ProvinceNode[] = [old('a', '1', 'b'), old('b', '2', 'c'), old('c', '3', 'a')];
    expect(() => currentSuccessor('a', cycle)).toThrow('Cycle in province successor links: a → b → c → a');
    expect(() => currentSuccessor('b', cycle)).toThrow('Cycle in province successor links: b → c → a → b');
  });

  it('throws on a province that is its own successor', () => {
    expect(() => currentSuccessor('a', [old('a', '1', 'a')])).toThrow('Cycle in province successor links: a → a');
  });

  it('throws on a chain that runs into a cycle', () => {
    const nodes: ProvinceNode[] = [old('x', '9', 'a'), old('a', '1', 'b'), old('b', '2', 'a')];
    expect(() => currentSuccessor('x', nodes)).toThrow('Cycle in province successor links: x → a → b → a');
  });

  it('throws on an unknown province or a dangling successor link', () => {
    expect(() => currentSuccessor('atlantis', NODES)).toThrow('Unknown province id atlantis');
    expect(() => currentSuccessor('a', [old('a', '1', 'gone')])).toThrow('Province a has unknown successor gone');
  });

  it('throws on duplicate ids', () => {
    expect(() => currentSuccessor('a', [current('a', '1'), current('a', '2')])).toThrow('Duplicate province id a');
  });
});


describe('predecessorsOf', () => {
  it('lists the provinces merged into a new province', () => {
    expect(predecessorsOf('ninh-binh-2025', NODES)).toEqual(['ninh-binh', 'ha-nam', 'nam-dinh']);
    expect(predecessorsOf('bac-ninh-2025', NODES)).toEqual(['bac-ninh', 'bac-giang']);
  });

  it('is empty for a province with no predecessors', () => {
    expect(predecessorsOf('ha-noi', NODES)).toEqual([]);
    expect(predecessorsOf('thai-binh', NODES)).toEqual([]);
  });

  it('includes transitive predecessors, nearest first', () => {
    const nodes: ProvinceNode[] = [
      old('a1', '1', 'b'),
      old('a2', '2', 'b'),
      old('b', '3', 'd'),
      old('c', '4', 'd'),
      current('d', '5'),
      old('z', '6', 'a1'),
    ];
    expect(predecessorsOf('d', nodes)).toEqual(['b', 'c', 'a1', 'a2', 'z']);
    expect(predecessorsOf('b', nodes)).toEqual(['a1', 'a2', 'z']);
  });

  it('agrees with currentSuccessor', () => {
    for (const id of predecessorsOf('phu-tho-2025', NODES)) {
      expect(currentSuccessor(id, NODES)).toBe('phu-tho-2025');
    }
  });

  it('throws on a cycle through the province', () => {
    const cycle: ProvinceNode[] = [old('a', '1', 'b'), old('b', '2', 'a')];
    expect(() => predecessorsOf('a', cycle)).toThrow('Cycle in province successor links through a');
    expect(() => predecessorsOf('a', [old('a', '1', 'a')])).toThrow('Cycle in province successor links through a');
  });

  it('throws on an unknown province', () => {
    expect(() => predecessorsOf('atlantis', NODES)).toThrow('Unknown province id atlantis');
  });
});
