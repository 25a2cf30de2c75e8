'use client';

export default function PortalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-red-50 p-6 text-center">
      <h1 className="text-xl font-bold text-red-800">Đã có lỗi khi tải trang</h1>
      <p className="mt-2 text-red-900">Dữ liệu của bạn không bị thay đổi. Vui lòng thử lại; nếu lỗi lặp lại, hãy báo quản trị viên.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800">
        Thử lại
      </button>
    </div>
  );
}
