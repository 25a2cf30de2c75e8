'use client';

import { ActionForm } from '@/components/forms/action-form';
import { useActionState } from 'react';
import { FieldError, FormStatus } from '@/components/forms/form-status';
import { OneTimeSecret } from '@/components/forms/one-time-secret';
import type { ActionState } from '@/lib/http/action-state';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';

export function CreateTokenForm({ action }: { action: (prev: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <div className="space-y-4">
      <ActionForm action={formAction} state={state} className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
        <div>
          <Label htmlFor="token-name">
            Tên gợi nhớ
          </Label>
          <Input
            id="token-name"
            name="name"
            required
            maxLength={100}
            placeholder="Ví dụ: Bảng tính tổng hợp của Văn phòng Hội"
            aria-describedby="token-name-error"
          />
          <FieldError state={state} name="name" id="token-name-error" />
        </div>
        <div className="pb-6">
          <Button type="submit" disabled={pending} variant="primary" size="compact">
            {pending ? 'Đang tạo…' : 'Tạo mã truy cập'}
          </Button>
        </div>
      </ActionForm>
      <FormStatus state={state} id="token-create-status" />
      {state?.ok && state.secret ? <NewToken token={state.secret} /> : null}
    </div>
  );
}

/** The new secret, once: it is not stored, so it cannot be shown again. */
function NewToken({ token }: { token: string }) {
  return (
    <OneTimeSecret secret={token} inputId="new-token" inputLabel="Mã truy cập mới" what="mã" testId="new-api-token">
      {{
        heading: 'Hãy sao chép mã này ngay: mã chỉ hiện một lần, cổng báo cáo không lưu lại.',
        help: (
          <p className="text-sm text-slate-700">
            Gửi mã trong tiêu đề của mỗi yêu cầu: <code className="rounded bg-white px-1 break-all">Authorization: Bearer {token.slice(0, 8)}…</code>
          </p>
        ),
      }}
    </OneTimeSecret>
  );
}

export function RevokeTokenForm({
  action,
  tokenId,
  name,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  tokenId: string;
  name: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <ActionForm
      action={formAction} state={state}
      onSubmit={(e) => {
        if (!window.confirm(`Thu hồi mã “${name}”? Các chương trình đang dùng mã này sẽ bị từ chối ngay.`)) e.preventDefault();
      }}
      className="flex flex-col items-start gap-1 sm:items-end"
    >
      <input type="hidden" name="tokenId" value={tokenId} />
      <button
        type="submit"
        disabled={pending}
        aria-describedby={`revoke-${tokenId}-status`}
        className="rounded-md border border-red-300 px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
      >
        {pending ? 'Đang thu hồi…' : 'Thu hồi'}
        <span className="sr-only"> mã {name}</span>
      </button>
      <p id={`revoke-${tokenId}-status`} role="status" aria-live="polite" className={`text-xs ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}>
        {state?.message}
      </p>
    </ActionForm>
  );
}
