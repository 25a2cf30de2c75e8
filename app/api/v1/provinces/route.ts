import { defineApiRoute } from '@/lib/http/api';
import { parseQuery } from '@/lib/http/summary-query';
import { OnQuerySchema } from '@/lib/reference/admin-schemas';
import { listProvincesOn, provinceJson } from '@/lib/reference/province-admin';
import { vietnamDay } from '@/lib/reference/validity';

/** The provinces in force on `?on=YYYY-MM-DD` (default: today in Vietnam), with their successor's code. Any signed-in account. */
export const GET = defineApiRoute({
  run: async ({ db, request, now }) => {
    const { on } = parseQuery(request, OnQuerySchema);
    return { provinces: (await listProvincesOn(db, on ?? vietnamDay(now))).map(provinceJson) };
  },
});
