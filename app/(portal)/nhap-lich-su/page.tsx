import type { Metadata } from 'next';
import { HistoryImportForm } from '@/components/history/history-import-form';
import { ensure, requireUser } from '@/lib/http/session';
import { canImportHistory } from '@/lib/permissions';
import { importHistoryAction } from './actions';

export const metadata: Metadata = { title: 'Nhập số liệu lịch sử' };

const TEMPLATE = '/nhap-lich-su/mau/mau-nhap-lich-su';

/** Bulk history: the years of figures associations hold from before the portal. */
export default async function HistoryImportPage() {
  const user = await requireUser();
  ensure(canImportHistory(user));
  return (
    <section className="space-y-5">
      <div>
        <h1 className="text-2xl font-bold">Nhập số liệu lịch sử</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Nhập một lần nhiều báo cáo của nhiều tỉnh, nhiều kỳ (số liệu các hội đã lưu từ trước khi dùng cổng). Mỗi dòng của tệp là một báo cáo: mã tỉnh, mã kỳ
          (ví dụ 2022S1) và các số liệu.
        </p>
      </div>
      <ul className="max-w-3xl list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>Toàn bộ tệp được kiểm tra trước. Có một lỗi thì không báo cáo nào được nhập, và mọi lỗi được chỉ rõ theo ô.</li>
        <li>Nhập lại cùng một tệp không thay đổi gì. Cột số liệu không có trong tệp được giữ nguyên.</li>
        <li>Báo cáo mới được tạo ở trạng thái đã duyệt; chỉ cập nhật báo cáo đã duyệt; không nhập cho kỳ đang mở.</li>
        <li>
          Cũng có thể nhập bằng lệnh trên máy chủ: <code className="rounded bg-slate-100 px-1">npm run import -- tep.xlsx</code>
        </li>
      </ul>
      <p className="flex flex-wrap gap-4 text-sm font-medium">
        <a href={`${TEMPLATE}.xlsx`} download className="text-brand-700 hover:underline">
          Tải mẫu Excel (.xlsx)
        </a>
        <a href={`${TEMPLATE}.csv`} download className="text-brand-700 hover:underline">
          Tải mẫu CSV
        </a>
      </p>
      <HistoryImportForm action={importHistoryAction} />
    </section>
  );
}
