'use client';

import { useActionState, useId, useState, startTransition } from 'react';
import { IssueList } from '@/components/forms/issue-list';
import { SignInAgain } from '@/components/forms/form-status';
import type { ActionState } from '@/lib/http/action-state';
import { formatMegabytes, REPORT_FILE_LIMITS, tooLargeMessage } from '@/lib/excel/upload-limits';
import type { UploadPreview } from '@/lib/excel/report-upload';
import { Table, TableBody, TableHead, Td, Th } from '@/components/ui/table';
import { Card } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { FileInput, Label } from '@/components/ui/input';

type Action<P> = (prev: ActionState<P>, formData: FormData) => Promise<ActionState<P>>;

type Props = {
  provinceCode: string;
  periodCode: string;
  previewAction: Action<UploadPreview>;
  confirmAction: Action<never>;
};

/**
 * Upload a filled-in report workbook: “Xem trước” shows every figure that would change and any
 * error or warning by sheet and cell; only “Lưu các thay đổi” saves, with the same file. The
 * chosen file is kept in state, so the preview and the confirmation send the same bytes.
 */
export function WorkbookUpload({ provinceCode, periodCode, previewAction, confirmAction }: Props) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [previewState, dispatchPreview, previewing] = useActionState(previewAction, null);
  const [confirmState, dispatchConfirm, confirming] = useActionState(confirmAction, null);
  // Which preview belongs to the chosen file (a new choice hides the old preview), and which
  // preview the last confirmation was for (a new preview hides the old confirmation).
  const [previewedFile, setPreviewedFile] = useState<File | null>(null);
  const [previewRun, setPreviewRun] = useState(0);
  const [confirmedRun, setConfirmedRun] = useState(-1);

  const preview = previewState?.ok && previewedFile === file ? previewState.payload : undefined;
  const busy = previewing || confirming;

  function formData(extra: Record<string, string>): FormData {
    const data = new FormData();
    data.set('provinceCode', provinceCode);
    data.set('periodCode', periodCode);
    if (file) data.set('file', file);
    for (const [k, v] of Object.entries(extra)) data.set(k, v);
    return data;
  }

  function onChoose(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    setLocalError(chosen && chosen.size > REPORT_FILE_LIMITS.maxBytes ? tooLargeMessage(chosen.size, REPORT_FILE_LIMITS) : null);
  }

  function onPreview() {
    if (!file) {
      setLocalError('Hãy chọn tệp Excel (.xlsx) để tải lên.');
      return;
    }
    if (localError) return;
    setPreviewedFile(file);
    setPreviewRun((n) => n + 1);
    startTransition(() => dispatchPreview(formData({})));
  }

  function onConfirm() {
    if (!preview) return;
    setConfirmedRun(previewRun);
    startTransition(() => dispatchConfirm(formData({ version: String(preview.version), sha256: preview.sha256 })));
  }

  const previewError = previewState && !previewState.ok && previewedFile === file ? previewState : null;
  const confirmed = confirmedRun === previewRun && previewedFile === file ? confirmState : null;
  const saved = confirmed?.ok;

  return (
    <Card as="section" aria-labelledby={`${id}-title`} className="space-y-3" data-testid="workbook-upload">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Nhập số liệu từ tệp Excel
      </h2>
      <p className="text-sm text-slate-600">
        Tải mẫu Excel ở trên, nhập số liệu rồi tải tệp lên đây. Cổng hiển thị mọi số liệu sẽ thay đổi trước khi lưu; báo cáo vẫn là bản nháp cho đến khi bạn gửi.
      </p>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <Label htmlFor={`${id}-file`}>
            Tệp Excel (.xlsx, tối đa {formatMegabytes(REPORT_FILE_LIMITS.maxBytes)})
          </Label>
          <FileInput
            id={`${id}-file`}
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={onChoose}
            aria-describedby={`${id}-status`}
          />
        </div>
        <Button
          type="button"
          onClick={onPreview}
          disabled={busy}
          variant="secondary"
        >
          {previewing ? 'Đang đọc tệp…' : 'Xem trước'}
        </Button>
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className="min-h-5 text-sm">
        {localError ? (
          <span className="text-red-700">{localError}</span>
        ) : saved ? (
          <span className="text-emerald-700" data-testid="upload-saved">
            {confirmed?.message}
          </span>
        ) : confirmed && !confirmed.ok ? (
          <span className="text-red-700">
            {confirmed.message}
            <SignInAgain state={confirmed} />
          </span>
        ) : previewError ? (
          <span className="text-red-700" data-testid="upload-refused">
            {previewError.message}
            <SignInAgain state={previewError} />
          </span>
        ) : preview ? (
          <span className={preview.errors.length ? 'text-red-700' : 'text-slate-800'}>{previewState?.message}</span>
        ) : null}
      </p>

      {preview && !saved ? (
        <div className="space-y-3" data-testid="upload-preview">
          <p className="text-sm text-slate-700">
            Tệp <strong>{preview.fileName}</strong> cho báo cáo {preview.title}.
          </p>
          <IssueList title="Lỗi cần sửa trong tệp" items={preview.errors} tone="red" testId="upload-errors" />
          <IssueList title="Cảnh báo (cần giải trình khi gửi báo cáo)" items={preview.warnings} tone="amber" testId="upload-warnings" />
          <IssueList title="Ghi chú khi đọc tệp" items={preview.notes} tone="slate" testId="upload-notes" />
          {preview.changes.length ? (
            <Table caption="Số liệu sẽ thay đổi" inset data-testid="upload-changes">
              <TableHead>
                <Th>Số liệu</Th>
                <Th>Ô trong tệp</Th>
                <Th numeric>Hiện tại</Th>
                <Th numeric>Trong tệp</Th>
              </TableHead>
              <TableBody>
                {preview.changes.map((c) => (
                  <tr key={c.label}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">{c.label}</th>
                    <Td className="text-slate-600">{c.where}</Td>
                    <Td className="text-right text-slate-600 tabular-nums">{c.before}</Td>
                    <Td className="text-right font-medium tabular-nums">{c.after}</Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
          ) : null}
          {preview.missing > 0 && preview.errors.length === 0 ? (
            <p className="text-sm text-slate-700">
              Còn {preview.missing.toLocaleString('vi-VN')} số liệu bắt buộc để trống: vẫn lưu nháp được, nhưng cần nhập đủ trước khi gửi.
            </p>
          ) : null}
          {preview.canConfirm ? (
            <Button
              type="button"
              onClick={onConfirm}
              disabled={busy}
              variant="primary"
            >
              {confirming ? 'Đang lưu…' : `Lưu các thay đổi (${preview.changes.length.toLocaleString('vi-VN')} số liệu)`}
            </Button>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
