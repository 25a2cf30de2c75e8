'use client';

import { startTransition, useActionState, useId, useState } from 'react';
import { IssueList } from '@/components/forms/issue-list';
import type { ActionState } from '@/lib/http/action-state';
import { HISTORY_FILE_LIMITS, formatMegabytes, tooLargeMessage } from '@/lib/excel/upload-limits';
import type { HistoryImportSummary } from '@/lib/excel/history-import';
import { Card } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { FileInput, Label } from '@/components/ui/input';

type Action = (prev: ActionState<HistoryImportSummary>, formData: FormData) => Promise<ActionState<HistoryImportSummary>>;

/**
 * Check or import a history file. “Kiểm tra” reads and checks the whole file and says what
 * importing would do, writing nothing; “Nhập” does it, in one transaction.
 */
export function HistoryImportForm({ action }: { action: Action }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [state, dispatch, pending] = useActionState(action, null);
  const [mode, setMode] = useState<'check' | 'import'>('check');
  const [sentFile, setSentFile] = useState<File | null>(null);
  const current = sentFile === file ? state : null;

  function send(next: 'check' | 'import') {
    if (!file) {
      setLocalError('Hãy chọn tệp Excel (.xlsx) hoặc CSV để nhập.');
      return;
    }
    if (localError) return;
    const data = new FormData();
    data.set('file', file);
    data.set('mode', next);
    setMode(next);
    setSentFile(file);
    startTransition(() => dispatch(data));
  }

  const issues = current && !current.ok ? (current.fieldErrors.file ?? []).filter((m) => m !== current.message) : [];
  const summary = current?.ok ? current.payload : undefined;

  return (
    <Card as="section" aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        Tải tệp lên
      </h2>
      <div>
        <Label htmlFor={`${id}-file`}>
          Tệp Excel (.xlsx) hoặc CSV, tối đa {formatMegabytes(HISTORY_FILE_LIMITS.maxBytes)}
        </Label>
        <FileInput
          id={`${id}-file`}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setLocalError(chosen && chosen.size > HISTORY_FILE_LIMITS.maxBytes ? tooLargeMessage(chosen.size, HISTORY_FILE_LIMITS) : null);
          }}
          aria-describedby={`${id}-status`}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <Button
          type="button"
          onClick={() => send('check')}
          disabled={pending}
          variant="secondary"
        >
          {pending && mode === 'check' ? 'Đang kiểm tra…' : 'Kiểm tra (chưa ghi)'}
        </Button>
        <Button
          type="button"
          onClick={() => send('import')}
          disabled={pending}
          variant="primary"
        >
          {pending && mode === 'import' ? 'Đang nhập…' : 'Nhập số liệu'}
        </Button>
      </div>
      <p id={`${id}-status`} role="status" aria-live="polite" className="min-h-5 text-sm font-medium" data-testid="history-import-status">
        {localError ? <span className="text-red-700">{localError}</span> : current ? <span className={current.ok ? 'text-emerald-700' : 'text-red-700'}>{current.message}</span> : null}
      </p>
      <IssueList title="Lỗi cần sửa trong tệp" items={issues} tone="red" testId="history-import-errors" />
      {summary ? (
        <>
          <dl className="grid grid-cols-3 gap-3 text-center" data-testid="history-import-summary">
            {(
              [
                ['Tạo mới', summary.created],
                ['Cập nhật', summary.updated],
                ['Không đổi', summary.unchanged],
              ] as const
            ).map(([label, n]) => (
              <div key={label} className="rounded-md bg-slate-50 p-3">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="text-2xl font-bold tabular-nums">{n.toLocaleString('vi-VN')}</dd>
              </div>
            ))}
          </dl>
          <IssueList title="Cảnh báo (số liệu vẫn được nhập, nên xem lại)" items={summary.warnings} tone="amber" testId="history-import-warnings" />
          <IssueList title="Ghi chú khi đọc tệp" items={summary.notes} tone="slate" testId="history-import-notes" />
        </>
      ) : null}
    </Card>
  );
}
