import 'server-only';
import type { SessionUser } from '../permissions';
import { HTTP_STATUS, UserFacingError } from '../errors';
import { exportFileName, toCsv, type ExportTable } from '../dashboards/export-table';
import { dashboardQueryProblem } from '../dashboards/query';
import { toXlsx } from '../excel/xlsx';
import { getDb, type Db } from '../platform/db';
import { databaseBusyError } from '../platform/db-errors';
import { getLogger, requestIdFrom } from '../platform/logger';
import { VIETNAM_TIME_ZONE } from '../reference/validity';
import { cleanJson, cleanText } from '../text-hygiene';
import { getCurrentUser } from './session';

// The one wrapper every file download goes through, as defineFormAction is for server
// actions and defineApiRoute for the API: the file name checked against the route's list,
// the session, a named permission check, one data-layer call, the file's headers, and one
// log line. Refusals are short Vietnamese plain-text answers a browser shows as they are:
//
//   unknown file name → 404 · signed out → 401 · a malformed ?ky= or ?nam= → 400 naming it
//   · refused → 403 with the route's message
//   · a UserFacingError from the data layer → its code's status (lib/errors.ts) and message

export type DownloadFormat = 'csv' | 'xlsx';

/** What `run` returns: the bytes, and the name the browser saves them under (ASCII only). */
export type DownloadFile = { fileName: string; format: DownloadFormat; body: string | Uint8Array };

/** The requested `[file]` segment, split into one of the route's names and formats. */
export type RequestedFile<N extends string, F extends DownloadFormat> = { name: N; format: F; fileName: string };

const CONTENT_TYPES: Record<DownloadFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const NOT_SIGNED_IN = 'Vui lòng đăng nhập.';
const UNKNOWN_FILE = 'Không có bảng này.';

/** A header value cannot be broken by such a name; any other name is a programming error. */
const ASCII_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type Context<P> = { params: Promise<P> };
export type DownloadHandler<P> = (request: Request, context: Context<P>) => Promise<Response>;

/** The route's `[file]` segment, present only when the download lists its files. */
type FileParam<N extends string> = [N] extends [never] ? unknown : { file: string };
type FileOf<N extends string, F extends DownloadFormat> = [N] extends [never] ? null : RequestedFile<N, F>;

export type DownloadContext<K extends string, N extends string, F extends DownloadFormat> = {
  db: Db;
  user: SessionUser;
  /** The route's other dynamic segments, e.g. `code` for /cum/[code]/xuat/[file]. */
  params: Record<K, string>;
  file: FileOf<N, F>;
  /** The URL's query (?ky=2022S1&duyet=1), one value per name; a period or year given is well formed. */
  query: Record<string, string>;
  request: Request;
};

type DownloadSpec<K extends string, N extends string, F extends DownloadFormat> = {
  /** Names the download in the logs, e.g. `download.cluster-table`. */
  name: string;
  /** The route's dynamic segments other than `[file]`; types `run`'s params. */
  params?: readonly K[];
  /** The files the `[file]` segment may name: every `name.format` pair; any other is 404. */
  files?: {
    names: readonly N[];
    formats: readonly F[];
    /** The 404 message; "Không có bảng này." by default. */
    unknown?: string;
  };
  /**
   * A named check from lib/permissions.ts, asked before `run`; false answers 403 with `refused`.
   * Omitted when the data-layer call checks the scope itself (and throws `forbidden(…)`).
   */
  authorize?: {
    check: (user: SessionUser, ctx: Omit<DownloadContext<K, N, F>, 'user'>) => boolean | Promise<boolean>;
    refused: string;
  };
  run: (ctx: DownloadContext<K, N, F>) => Promise<DownloadFile>;
};

/** A short plain-text answer: the refusals, and the 404 for a file the route does not have. */
function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

function attachment(file: DownloadFile): Response {
  if (!ASCII_FILE_NAME.test(file.fileName)) throw new Error(`Download file name must be plain ASCII: ${JSON.stringify(file.fileName)}`);
  return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
    headers: {
      'content-type': CONTENT_TYPES[file.format],
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'no-store',
    },
  });
}

/** `mo-hinh.csv` as one of the listed names and formats, or null. */
function requestedFile<N extends string, F extends DownloadFormat>(
  fileName: string | undefined,
  files: { names: readonly N[]; formats: readonly F[] },
): RequestedFile<N, F> | null {
  const dot = fileName?.lastIndexOf('.') ?? -1;
  if (!fileName || dot < 0) return null;
  const name = fileName.slice(0, dot) as N;
  const format = fileName.slice(dot + 1) as F;
  return files.names.includes(name) && files.formats.includes(format) ? { name, format, fileName } : null;
}

/**
 * The status Next answers with when the data layer calls notFound() or forbidden() from
 * next/navigation (the cluster loader does, as pages want): an empty 404 or 403.
 */
function nextFallbackStatus(error: unknown): number | null {
  const digest = typeof error === 'object' && error !== null && 'digest' in error ? error.digest : undefined;
  const m = typeof digest === 'string' ? /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(digest) : null;
  return m ? Number(m[1]) : null;
}

/** Defines a download route handler: `export const GET = defineDownload({...})`. */
export function defineDownload<K extends string = never, N extends string = never, F extends DownloadFormat = never>(
  spec: DownloadSpec<K, N, F>,
): DownloadHandler<Record<K, string> & FileParam<N>> {
  return async function download(request, context) {
    const started = performance.now();
    let userId: string | null = null;
    let requested: string | null = null;

    const answer = async (): Promise<Response> => {
      const { file: fileParam, ...params } = (await context.params) as Record<string, string>;
      let file: RequestedFile<N, F> | null = null;
      if (spec.files) {
        requested = fileParam ?? null;
        file = requestedFile(fileParam, spec.files);
        if (!file) return plain(404, spec.files.unknown ?? UNKNOWN_FILE);
      }
      const user = await getCurrentUser();
      if (!user) return plain(401, NOT_SIGNED_IN);
      userId = user.id;
      // Segments and query cleaned as a form's fields are (lib/text-hygiene.ts): a NUL in a
      // cluster code is not a database error.
      const query: Record<string, string> = {};
      for (const [name, value] of new URL(request.url).searchParams) query[cleanText(name)] = cleanText(value);
      // A period that cannot be read is refused, not replaced by the latest one: a file of
      // another period than the one asked for would be taken for it.
      const problem = dashboardQueryProblem(query);
      if (problem) return plain(400, problem);
      const ctx = {
        db: getDb(),
        params: cleanJson(params) as Record<K, string>,
        file: file as FileOf<N, F>,
        query,
        request,
      };
      if (spec.authorize && !(await spec.authorize.check(user, ctx))) return plain(403, spec.authorize.refused);
      return attachment(await spec.run({ ...ctx, user }));
    };

    // One line per download: which, who, which file and the answer; never the file's contents.
    const log = (status: number, failure?: unknown) => {
      const line = {
        requestId: requestIdFrom(request.headers),
        action: spec.name,
        userId,
        file: requested,
        path: new URL(request.url).pathname,
        status,
        durationMs: Math.round(performance.now() - started),
        ...(failure === undefined ? {} : { err: failure }),
      };
      if (failure === undefined) getLogger().info(line, 'download');
      else getLogger().error(line, 'download failed');
    };

    try {
      const response = await answer().catch((error: unknown) => {
        // A lock, statement or pool timeout: "try again" with 409 or 503, as a refusal.
        const refusal = databaseBusyError(error) ?? error;
        if (refusal instanceof UserFacingError) return plain(HTTP_STATUS[refusal.code], refusal.message);
        throw error;
      });
      log(response.status);
      return response;
    } catch (error) {
      // Rethrown: Next answers its own notFound()/forbidden() with an empty 404/403, as it
      // always has, and anything else with its 500; the line records what the browser gets.
      const status = nextFallbackStatus(error);
      if (status === null) log(500, error);
      else log(status);
      throw error;
    }
  };
}

/** A table as the CSV or XLSX file `run` returns, named from `fileTitle` without diacritics. */
export async function tableDownload(table: ExportTable, fileTitle: string, format: DownloadFormat): Promise<DownloadFile> {
  const fileName = exportFileName(fileTitle, format);
  return { fileName, format, body: format === 'csv' ? toCsv(table) : await toXlsx(table) };
}

/** "Xuất từ Cổng báo cáo Khuyến học ngày 25/11/2026." */
export function exportedOnNote(now = new Date()): string {
  return `Xuất từ Cổng báo cáo Khuyến học ngày ${now.toLocaleDateString('vi-VN', { timeZone: VIETNAM_TIME_ZONE })}.`;
}
