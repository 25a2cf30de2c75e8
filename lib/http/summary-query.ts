// Query strings of the read API's summary routes, checked whole with a message per parameter.
import { z } from 'zod';
import { UserFacingError } from '../errors';
import { isPeriodCode } from '../reference/periods';

const PERIOD_PARAM = z
  .string({ error: 'Thiếu kỳ báo cáo (period), ví dụ period=2022S1.' })
  .refine(isPeriodCode, 'Kỳ báo cáo có dạng năm, chữ S rồi 1 hoặc 2, ví dụ 2022S1.');
const BOOLEAN_PARAM = z.enum(['true', 'false'], { error: 'Giá trị phải là true hoặc false.' }).optional();

/** Query string of the summary routes: ?period=2022S1[&approvedOnly=true][&view=current]. */
export const SummaryQuerySchema = z.object({
  period: PERIOD_PARAM,
  approvedOnly: BOOLEAN_PARAM.transform((v) => v === 'true'),
  view: z.enum(['reported', 'current'], { error: 'Cách xem (view) là reported hoặc current.' }).optional().default('reported'),
});

/** Parses a route's query string, refusing it whole (400, by parameter) when a parameter is wrong. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return parsed.data;
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fields[issue.path.map(String).join('.') || 'query'] ??= []).push(issue.message);
  throw new UserFacingError('Tham số của yêu cầu chưa hợp lệ. Xem danh sách lỗi theo từng tham số.', fields, 'INVALID_INPUT');
}

