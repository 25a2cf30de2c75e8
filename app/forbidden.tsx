import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg px-4 py-16 text-center">
      <p className="text-sm font-semibold text-red-700">Lỗi 403</p>
      <h1 className="mt-2 text-2xl font-bold">Bạn không có quyền xem trang này</h1>
      <p className="mt-3 text-slate-600">Trang này nằm ngoài phạm vi tài khoản của bạn. Nếu cần quyền truy cập, hãy liên hệ quản trị viên.</p>
      <Link href="/" className={`mt-6 inline-block ${buttonClass('primary')}`}>
        Về trang chủ
      </Link>
    </main>
  );
}
