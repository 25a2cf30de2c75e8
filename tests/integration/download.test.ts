// The download wrapper (lib/http/download.ts) that every file route goes through: the file
// name, the session, the permission, the data layer's refusals, the file's headers and one
// log line; then the real routes on it, with the demo data.
import { Writable } from 'node:stream';

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { canReadNational, type SessionUser } from '../../lib/permissions';
import { conflict } from '../../lib/errors';
import { createLogger, setLogger, type Logger } from '../../lib/platform/logger';
import { demo, sessionUserOf } from '../helpers/api';
import { useSeededDb } from '../helpers/seeded-db';

const session = vi.hoisted(() => ({ user: null as SessionUser | null, db: null as unknown }));
// The real ensure(): the cluster loader refuses with it, as pages do.
vi.mock('../../lib/http/session', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/http/session')>()),
  getCurrentUser: async () => session.user,
}));
vi.mock('../../lib/platform/db', () => ({ getDb: () => session.db }));

const { defineDownload } = await import('../../lib/http/download');

let captured: string[] = [];
let previous: Logger | undefined;
beforeAll(() => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      captured.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  previous = setLogger(createLogger({ level: 'info', destination: sink }));
});
afterAll(() => {
  setLogger(previous);
});
beforeEach(() => {
  captured = [];
  session.user = null;
  session.db = null;
});

const lines = () => captured.map((line) => JSON.parse(line) as Record<string, unknown>);

const CENTRAL: SessionUser = { id: 'u-central', email: 'tw@example.vn', name: 'Trung ương', role: 'CENTRAL', provinceId: null, clusterId: null };
const STAFF: SessionUser = { id: 'u-staff', email: 'tinh@example.vn', name: 'Cán bộ tỉnh', role: 'PROVINCE_STAFF', provinceId: 'p-33', clusterId: null };
const REFUSED = 'Chỉ Trung ương Hội và quản trị viên được tải số liệu toàn quốc.';

type Params = Record<string, string>;
const get = (handler: (r: Request, c: { params: Promise<never> }) => Promise<Response>, path: string, params: Params, headers?: HeadersInit) =>
  handler(new Request(new URL(path, 'http://localhost'), { headers }), { params: Promise.resolve(params as never) });

describe('defineDownload', () => {
  const calls: Array<{ db: unknown; code: string; name: string; format: string; query: Record<string, string> }> = [];
  const tables = defineDownload({
    name: 'download.test-table',
    params: ['code'],
    files: { names: ['cac-cum', 'muc-tieu'], formats: ['csv', 'xlsx'] },
    authorize: { check: canReadNational, refused: REFUSED },
    run: async ({ db, params, file, query }) => {
      calls.push({ db, code: params.code, name: file.name, format: file.format, query });
      if (params.code === 'CU') throw conflict('Báo cáo đang được sửa.');
      if (params.code === 'LOI') throw new Error('database went away');
      return { fileName: `${params.code}-${file.fileName}`, format: file.format, body: file.format === 'csv' ? 'Cụm;Tỉnh\r\n' : new Uint8Array([80, 75, 3, 4]) };
    },
  });
  beforeEach(() => {
    calls.length = 0;
  });

  it('answers 404 with the route’s message for a file it does not list, before asking who is calling', async () => {
    session.user = CENTRAL;
    for (const file of ['cac-cum.pdf', 'tinh.csv', 'cac-cum', 'cac-cum.csv.xlsx', '../cac-cum.csv']) {
      const response = await get(tables, `/x/CUM3/xuat/${file}`, { code: 'CUM3', file });
      expect(response.status, file).toBe(404);
      expect(await response.text(), file).toBe('Không có bảng này.');
    }
    const template = defineDownload({ name: 'download.t', files: { names: ['mau'], formats: ['xlsx'], unknown: 'Không có tệp này.' }, run: async () => ({ fileName: 'mau.xlsx', format: 'xlsx', body: '' }) });
    expect(await (await get(template, '/mau/mau.csv', { file: 'mau.csv' })).text()).toBe('Không có tệp này.');
    expect(calls).toEqual([]);
  });

  it('answers 401 signed out and 403 with the route’s message when the check refuses, running nothing', async () => {
    const signedOut = await get(tables, '/x/CUM3/xuat/cac-cum.csv', { code: 'CUM3', file: 'cac-cum.csv' });
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await signedOut.text()).toBe('Vui lòng đăng nhập.');

    session.user = STAFF;
    const refused = await get(tables, '/x/CUM3/xuat/cac-cum.csv', { code: 'CUM3', file: 'cac-cum.csv' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await refused.text()).toBe(REFUSED);
    expect(calls).toEqual([]);
  });

  it('sends the file with its type, an attachment name and no caching, from one call with the database and the query', async () => {
    session.user = CENTRAL;
    session.db = { fake: 'db' };
    const csv = await get(tables, '/x/CUM3/xuat/cac-cum.csv?ky=2022S1&duyet=1', { code: 'CUM3', file: 'cac-cum.csv' });
    expect(csv.status).toBe(200);
    expect(Object.fromEntries(csv.headers)).toEqual({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="CUM3-cac-cum.csv"',
      'cache-control': 'no-store',
    });
    expect(await csv.text()).toBe('Cụm;Tỉnh\r\n');
    expect(calls).toEqual([{ db: { fake: 'db' }, code: 'CUM3', name: 'cac-cum', format: 'csv', query: { ky: '2022S1', duyet: '1' } }]);

    const xlsx = await get(tables, '/x/CUM3/xuat/muc-tieu.xlsx', { code: 'CUM3', file: 'muc-tieu.xlsx' });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="CUM3-muc-tieu.xlsx"');
    expect([...new Uint8Array(await xlsx.arrayBuffer())]).toEqual([80, 75, 3, 4]);
  });

  it('answers a refusal from the data layer with its code’s status and message', async () => {
    session.user = CENTRAL;
    const response = await get(tables, '/x/CU/xuat/cac-cum.csv', { code: 'CU', file: 'cac-cum.csv' });
    expect(response.status).toBe(409);
    expect(await response.text()).toBe('Báo cáo đang được sửa.');
  });

  it('refuses to send a file name that is not plain ASCII', async () => {
    session.user = CENTRAL;
    const named = defineDownload({ name: 'download.t', run: async () => ({ fileName: 'báo cáo".csv', format: 'csv', body: '' }) });
    await expect(get(named, '/t', {})).rejects.toThrow(/ASCII/);
  });

  it('writes one line per download: request id, name, user, file, path, status and duration', async () => {
    await get(tables, '/x/CUM3/xuat/cac-cum.csv', { code: 'CUM3', file: 'cac-cum.csv' }, { 'x-request-id': 'req-dl-1' });
    session.user = STAFF;
    await get(tables, '/x/CUM3/xuat/cac-cum.csv', { code: 'CUM3', file: 'cac-cum.csv' });
    session.user = CENTRAL;
    await get(tables, '/x/CUM3/xuat/quy.csv', { code: 'CUM3', file: 'quy.csv' });
    await get(tables, '/x/CUM3/xuat/cac-cum.csv?ky=2022S1', { code: 'CUM3', file: 'cac-cum.csv' });

    expect(lines()[0]).toMatchObject({
      level: 'info',
      msg: 'download',
      requestId: 'req-dl-1',
      action: 'download.test-table',
      userId: null,
      file: 'cac-cum.csv',
      path: '/x/CUM3/xuat/cac-cum.csv',
      status: 401,
      durationMs: expect.any(Number),
    });
    expect(lines().map(({ action, userId, file, status }) => ({ action, userId, file, status }))).toEqual([
      { action: 'download.test-table', userId: null, file: 'cac-cum.csv', status: 401 },
      { action: 'download.test-table', userId: STAFF.id, file: 'cac-cum.csv', status: 403 },
      { action: 'download.test-table', userId: null, file: 'quy.csv', status: 404 },
      { action: 'download.test-table', userId: CENTRAL.id, file: 'cac-cum.csv', status: 200 },
    ]);
    // The file's contents never reach the log.
    expect(captured.join('\n')).not.toContain('Cụm;Tỉnh');
  });

  it('logs an unexpected failure at error level as a 500 and lets Next answer it', async () => {
    session.user = CENTRAL;
    await expect(get(tables, '/x/LOI/xuat/cac-cum.csv', { code: 'LOI', file: 'cac-cum.csv' })).rejects.toThrow('database went away');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'error', action: 'download.test-table', userId: CENTRAL.id, status: 500, err: expect.objectContaining({ message: 'database went away' }) }),
    ]);
  });
});

describe('the download routes', () => {
  const ctx = useSeededDb();
  beforeEach(() => {
    session.db = ctx.db;
  });
  const signInAs = async (local: string) => {
    session.user = await sessionUserOf(ctx.db, demo(local));
  };

  it('a province’s history: signed out 401, another province 403 whether or not it exists, its own merged predecessor 200', async () => {
    const { GET } = await import('../../app/(portal)/lich-su/[code]/xuat/[file]/route');
    expect((await get(GET, '/lich-su/33/xuat/lich-su.csv', { code: '33', file: 'lich-su.csv' })).status).toBe(401);

    await signInAs('hungyen');
    for (const code of ['01', '99']) {
      const refused = await get(GET, `/lich-su/${code}/xuat/lich-su.csv`, { code, file: 'lich-su.csv' });
      expect(refused.status, code).toBe(403);
      expect(await refused.text(), code).toBe('Bạn không có quyền tải số liệu của tỉnh này.');
    }
    const own = await get(GET, '/lich-su/34/xuat/lich-su.csv', { code: '34', file: 'lich-su.csv' });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-disposition')).toBe('attachment; filename="34-lich-su-so-lieu.csv"');
    expect(await own.text()).toContain('Thái Bình');
    expect(lines().at(-1)).toMatchObject({ action: 'download.province-history', status: 200, path: '/lich-su/34/xuat/lich-su.csv' });
  });

  it('the cluster and national tables: refused outside the scope, named after the table and the period', async () => {
    const cluster = await import('../../app/(portal)/cum/[code]/xuat/[file]/route');
    const national = await import('../../app/(portal)/trung-uong/xuat/[file]/route');
    await signInAs('hungyen');
    const refused = await get(cluster.GET, '/cum/CUM3/xuat/mo-hinh.csv?ky=2022S1', { code: 'CUM3', file: 'mo-hinh.csv' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('Bạn không có quyền tải dữ liệu của cụm này.');
    expect((await get(national.GET, '/trung-uong/xuat/cac-cum.csv?ky=2022S1', { file: 'cac-cum.csv' })).status).toBe(403);

    await signInAs('cum3');
    const own = await get(cluster.GET, '/cum/CUM3/xuat/mo-hinh.csv?ky=2022S1', { code: 'CUM3', file: 'mo-hinh.csv' });
    expect(own.headers.get('content-disposition')).toBe('attachment; filename="cum3-mo-hinh-hoc-tap-2022s1.csv"');

    await signInAs('trunguong');
    const noPeriod = await get(national.GET, '/trung-uong/xuat/cac-cum.csv', { file: 'cac-cum.csv' });
    expect(noPeriod.status).toBe(400);
    expect(await noPeriod.text()).toBe('Vui lòng chọn kỳ báo cáo (?ky=2022S1).');
    const file = await get(national.GET, '/trung-uong/xuat/cac-cum.csv?ky=2022S1', { file: 'cac-cum.csv' });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="toan-quoc-cac-cum-2022s1.csv"');
  });

  it('refuses a malformed period (400, naming the parameter) on every export, and exports the latest without one', async () => {
    const cluster = await import('../../app/(portal)/cum/[code]/xuat/[file]/route');
    const national = await import('../../app/(portal)/trung-uong/xuat/[file]/route');
    const history = await import('../../app/(portal)/lich-su/[code]/xuat/[file]/route');
    const FORM = 'Kỳ báo cáo có dạng 2022S1 hoặc 2022S2.';

    await signInAs('cum3');
    const bad = await get(cluster.GET, '/cum/CUM3/xuat/mo-hinh.csv?ky=2022S3', { code: 'CUM3', file: 'mo-hinh.csv' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await bad.text()).toBe(`Tham số ky không hợp lệ: “2022S3”. ${FORM}`);
    const lowerCase = await get(cluster.GET, '/cum/CUM3/xuat/quy.xlsx?ky=2022s1', { code: 'CUM3', file: 'quy.xlsx' });
    expect([lowerCase.status, await lowerCase.text()]).toEqual([400, `Tham số ky không hợp lệ: “2022s1”. ${FORM}`]);
    const year = await get(cluster.GET, '/cum/CUM3/xuat/mo-hinh.csv?nam=22', { code: 'CUM3', file: 'mo-hinh.csv' });
    expect([year.status, await year.text()]).toEqual([400, 'Tham số nam không hợp lệ: “22”. Năm có dạng 2022.']);
    expect(lines().at(-1)).toMatchObject({ action: 'download.cluster-table', status: 400 });
    // Absent or empty, the period is the latest reported, as on the page.
    const latest = await get(cluster.GET, '/cum/CUM3/xuat/mo-hinh.csv', { code: 'CUM3', file: 'mo-hinh.csv' });
    expect(latest.status).toBe(200);
    const empty = await get(cluster.GET, '/cum/CUM3/xuat/mo-hinh.csv?ky=', { code: 'CUM3', file: 'mo-hinh.csv' });
    expect(empty.headers.get('content-disposition')).toBe(latest.headers.get('content-disposition'));
    expect(latest.headers.get('content-disposition')).toMatch(/^attachment; filename="cum3-mo-hinh-hoc-tap-\d{4}s[12]\.csv"$/);
    // A NUL in the cluster's code is refused as an unknown cluster, not a database error.
    expect((await get(cluster.GET, '/cum/%00/xuat/mo-hinh.csv', { code: '\u0000', file: 'mo-hinh.csv' })).status).toBe(403);

    await signInAs('trunguong');
    const nationalBad = await get(national.GET, '/trung-uong/xuat/cac-cum.csv?ky=2022-1', { file: 'cac-cum.csv' });
    expect([nationalBad.status, await nationalBad.text()]).toEqual([400, `Tham số ky không hợp lệ: “2022-1”. ${FORM}`]);
    const historyBad = await get(history.GET, '/lich-su/33/xuat/lich-su.csv?ky=S1', { code: '33', file: 'lich-su.csv' });
    expect([historyBad.status, await historyBad.text()]).toEqual([400, `Tham số ky không hợp lệ: “S1”. ${FORM}`]);
  });

  it('the report workbook and the history template stay within scope', async () => {
    const workbook = await import('../../app/(portal)/bao-cao/[province]/[period]/excel/route');
    const template = await import('../../app/(portal)/nhap-lich-su/mau/[file]/route');
    await signInAs('ninhbinh');
    expect((await get(workbook.GET, '/bao-cao/33/2026S2/excel', { province: '33', period: '2026S2' })).status).toBe(403);
    const refused = await get(template.GET, '/nhap-lich-su/mau/mau-nhap-lich-su.xlsx', { file: 'mau-nhap-lich-su.xlsx' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('Chỉ quản trị viên và Trung ương Hội được nhập số liệu lịch sử.');

    await signInAs('admin');
    expect((await get(template.GET, '/nhap-lich-su/mau/mau.pdf', { file: 'mau.pdf' })).status).toBe(404);
    const csv = await get(template.GET, '/nhap-lich-su/mau/mau-nhap-lich-su.csv', { file: 'mau-nhap-lich-su.csv' });
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="mau-nhap-lich-su.csv"');
    expect(await csv.text()).toContain('Mã tỉnh');
  });
});
