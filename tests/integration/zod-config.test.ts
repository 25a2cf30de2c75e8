// instrumentation-client.ts turns off zod's `new Function` probe without importing zod (see
// there): the object it writes must be the one z.config() reads.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('zod settings from instrumentation-client.ts', () => {
  it('are the ones z.config() reads', async () => {
    expect(z.config().jitless).toBeUndefined();
    await import('../../instrumentation-client');
    expect(z.config().jitless).toBe(true);
    expect((globalThis as { __zod_globalConfig?: object }).__zod_globalConfig).toBe(z.config());
  });
});
