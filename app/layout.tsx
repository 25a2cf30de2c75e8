import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Cổng báo cáo Khuyến học', template: '%s · Cổng báo cáo Khuyến học' },
  description: 'Cổng báo cáo 6 tháng và năm của các Hội Khuyến học tỉnh, thành phố – Cụm III đồng bằng sông Hồng.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="vi">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
