import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateTokenForm, RevokeTokenForm } from '@/components/account/token-forms';
import { ROLE_LABELS, showsApiUpFront } from '@/lib/permissions';
import { formatDateTime } from '@/lib/format';
import { listApiTokens, MAX_ACTIVE_TOKENS } from '@/lib/accounts/api-tokens';
import { getDb } from '@/lib/platform/db';
import { requireUser } from '@/lib/http/session';
import { createApiTokenAction, revokeApiTokenAction } from './actions';
import { Card } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';

export const metadata: Metadata = { title: 'Tài khoản' };

export default async function AccountPage() {
  const user = await requireUser();
  const tokens = await listApiTokens(getDb(), user.id);
  const active = tokens.filter((t) => t.revokedAt === null).length;

  return (
    <section className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold">Tài khoản</h1>
        <p className="mt-1 text-slate-600">
          {user.name} · {user.email} · {ROLE_LABELS[user.role]}
        </p>
      </div>

      <Card as="article" className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 className="text-xl font-semibold">Mật khẩu</h2>
          <p className="text-sm text-slate-700">Đổi mật khẩu đăng nhập; mọi phiên đăng nhập đang mở sẽ kết thúc.</p>
        </div>
        <Link href="/tai-khoan/doi-mat-khau" className={buttonClass('neutral', 'compact')}>
          Đổi mật khẩu
        </Link>
      </Card>

      <Card as="article" className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 className="text-xl font-semibold">Thông báo</h2>
          <p className="text-sm text-slate-700">Chọn loại thông báo nào được gửi thêm qua thư điện tử.</p>
        </div>
        <Link href="/tai-khoan/thong-bao" className={buttonClass('neutral', 'compact')}>
          Nhận thông báo
        </Link>
      </Card>

      {/* Folded away for those who do not pull figures into other systems, unless they already have a token. */}
      <Card as="details" open={showsApiUpFront(user) || tokens.length > 0} className="space-y-4" data-testid="api-tokens">
        <summary className="cursor-pointer">
          <h2 className="inline text-xl font-semibold">Mã truy cập API</h2>
          <span className="ml-2 text-sm text-slate-600">cho phần mềm kết nối với cổng báo cáo</span>
        </summary>
        <div className="mt-4 space-y-2">
          <p className="text-sm text-slate-700">
            Mã truy cập cho phép một chương trình (bảng tính, phần mềm của tỉnh) đọc và gửi báo cáo qua API thay cho bạn, với đúng quyền của
            tài khoản này. Giữ mã như mật khẩu; thu hồi ngay khi không còn dùng hoặc nghi bị lộ.
          </p>
          <p className="text-sm text-slate-700">
            Thử mã: <code className="rounded bg-slate-100 px-1 break-all">curl -H &quot;Authorization: Bearer khp_…&quot; https://&lt;địa chỉ cổng&gt;/api/v1/me</code>
          </p>
        </div>

        {active < MAX_ACTIVE_TOKENS ? (
          <CreateTokenForm action={createApiTokenAction} />
        ) : (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
            Bạn đã có {MAX_ACTIVE_TOKENS} mã đang dùng, mức tối đa. Thu hồi mã không còn dùng để tạo mã mới.
          </p>
        )}

        <div>
          <h3 className="font-semibold">Các mã của bạn</h3>
          {tokens.length === 0 ? (
            <p className="mt-2 rounded-lg border border-dashed border-slate-300 p-4 text-center text-sm text-slate-600">Bạn chưa tạo mã truy cập nào.</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100" aria-label="Các mã truy cập">
              {tokens.map((t) => (
                <li key={t.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between" data-testid={`api-token-${t.id}`}>
                  <div className="min-w-0">
                    <p className="font-medium break-words">
                      {t.name}{' '}
                      {t.revokedAt ? (
                        <span className="ml-1 inline-block rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 ring-1 ring-slate-300 ring-inset">
                          Đã thu hồi
                        </span>
                      ) : (
                        <span className="ml-1 inline-block rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-emerald-300 ring-inset">
                          Đang dùng
                        </span>
                      )}
                    </p>
                    <dl className="tabular mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm text-slate-600">
                      <dt>Tạo lúc</dt>
                      <dd>{formatDateTime(t.createdAt)}</dd>
                      <dt>Dùng lần cuối</dt>
                      <dd>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'chưa dùng'}</dd>
                      {t.revokedAt ? (
                        <>
                          <dt>Thu hồi lúc</dt>
                          <dd>{formatDateTime(t.revokedAt)}</dd>
                        </>
                      ) : null}
                    </dl>
                  </div>
                  {t.revokedAt ? null : <RevokeTokenForm action={revokeApiTokenAction} tokenId={t.id} name={t.name} />}
                </li>
              ))}
            </ul>
          )}
        </div>
      </Card>
    </section>
  );
}
