import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

const PAGES = {
  404: {
    tone: 'text-slate-600',
    title: 'Không tìm thấy trang',
    text: 'Đường dẫn không tồn tại hoặc dữ liệu đã được chuyển đi.',
  },
  403: {
    tone: 'text-red-700',
    title: 'Bạn không có quyền xem trang này',
    text: 'Trang này nằm ngoài phạm vi tài khoản của bạn. Nếu cần quyền truy cập, hãy liên hệ quản trị viên.',
  },
} as const;

/**
 * What a 404 or 403 says. Its landmark is the caller's: the root pages wrap it in their own
 * <main>; inside the portal (app/(portal)/not-found.tsx, forbidden.tsx) it sits in the shell's
 * <main>, so that a page never has two.
 */
export function StatusPage({ status }: { status: keyof typeof PAGES }) {
  const page = PAGES[status];
  return (
    <div className="mx-auto max-w-lg px-4 py-16 text-center">
      <p className={`text-sm font-semibold ${page.tone}`}>Lỗi {status}</p>
      <h1 className="mt-2 text-2xl font-bold">{page.title}</h1>
      <p className="mt-3 text-slate-600">{page.text}</p>
      <Link href="/" className={`mt-6 inline-block ${buttonClass('primary')}`}>
        Về trang chủ
      </Link>
    </div>
  );
}
