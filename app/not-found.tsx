import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { connection } from 'next/server';

// Rendered per request, not prerendered: a static page's scripts could not carry
// the per-request CSP nonce (proxy.ts) and the browser would block them.
export default async function NotFound() {
  await connection();
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <p className="text-sm font-semibold text-slate-500">Lỗi 404</p>
      <h1 className="mt-2 text-2xl font-bold">Không tìm thấy trang</h1>
      <p className="mt-3 text-slate-600">Đường dẫn không tồn tại hoặc dữ liệu đã được chuyển đi.</p>
      <Link href="/" className={`mt-6 inline-block ${buttonClass('primary')}`}>
        Về trang chủ
      </Link>
    </main>
  );
}
