'use client';

import { useActionState, useEffect, useMemo, useRef, useState } from 'react';
import type { ActionState } from '@/lib/http/action-state';
import {
  AWARD_KINDS,
  AWARD_KIND_LABELS,
  FUND_SOURCES,
  LEARNING_MODELS,
  LEARNING_MODEL_LABELS,
  RECIPIENT_GROUPS,
  RECIPIENT_GROUP_LABELS,
} from '@/lib/domain';
import { formatDateTime, formatInteger, formatPercent, formatVnd, parseVietnameseInteger } from '@/lib/format';
import { ratio } from '@/lib/dashboards/metrics';
import { fieldErrorsOf, ReportDataSchema, unflattenReportInput, type ReportData } from '@/lib/reports/data';
import { REPORT_FIELD_BY_PATH, REPORT_FIELDS, SECTION_LABELS, type ReportSection } from '@/lib/reports/fields';
import { checkReport, type ReportCheck } from '@/lib/reports/rules';
import { decodeDraftStash, draftStashKey, encodeDraftStash, stashedChanges, type DraftStash } from '@/lib/reports/draft-stash';
import { reportFormErrors } from '@/lib/reports/form-errors';
import type { ValidationThresholds } from '@/lib/reference/settings';
import { Card } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/input';
import { ConfirmDialog } from '@/components/forms/confirm-dialog';
import { ErrorSummary, focusField } from '@/components/forms/error-summary';
import { SignInAgain } from '@/components/forms/form-status';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export type ReportFormProps = {
  provinceCode: string;
  periodCode: string;
  version: number;
  /** Input values keyed by catalogue path, as flattenReportData gives them. */
  initial: Record<string, string>;
  previous: { label: string; values: Record<string, string> } | null;
  /** The previous approved report's closing balance (vi-VN digits), offered as the opening balance. */
  previousClosing: { label: string; amount: string; mergedFrom: string[] } | null;
  /** Whose typed figures these are: they are kept in this browser under the user and the report. */
  userId: string;
  explanations: Record<string, string>;
  /** The validation thresholds in force (the server checks with the same). */
  thresholds: ValidationThresholds;
  saveAction: Action;
  submitAction: Action;
};

/**
 * The figures as typed, and the message of each invalid one. The rules still
 * run over the valid figures: an invalid figure counts as empty for them.
 */
function parse(values: Record<string, string>): { data: ReportData | null; errors: Record<string, string> } {
  const result = ReportDataSchema.safeParse(unflattenReportInput(values));
  if (result.success) return { data: result.data, errors: {} };
  const errors = fieldErrorsOf(result.error);
  const lenient = { ...values };
  for (const path of Object.keys(errors)) if (path in lenient) lenient[path] = '';
  const retry = ReportDataSchema.safeParse(unflattenReportInput(lenient));
  return { data: retry.success ? retry.data : null, errors };
}

/** Rule messages per highlighted field, so each input shows what concerns it. */
function ruleMessagesByField(check: ReportCheck | null) {
  const blocking = new Map<string, string[]>();
  const warnings = new Map<string, string[]>();
  for (const r of check?.blocking ?? []) for (const f of r.rule.fields) blocking.set(f, [...(blocking.get(f) ?? []), r.message]);
  for (const r of check?.warnings ?? []) for (const f of r.rule.fields) warnings.set(f, [...(warnings.get(f) ?? []), r.message]);
  return { blocking, warnings };
}

const inputId = (path: string) => `f-${path.replace(/\./g, '-')}`;
const ERROR_SUMMARY_ID = 'report-error-summary';

// localStorage may be missing or full (private windows, quotas): keeping typed figures is a help, never a failure.
function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the figures are still on the screen.
  }
}

const num = (v: string | undefined): bigint | null => {
  if (!v) return null;
  const r = parseVietnameseInteger(v);
  return r.ok ? r.value : null;
};

export function ReportForm(props: ReportFormProps) {
  const [values, setValues] = useState<Record<string, string>>(props.initial);
  const [saved, setSaved] = useState<Record<string, string>>(props.initial);
  const [saveState, saveFormAction, saving] = useActionState(props.saveAction, null);
  const [submitState, submitFormAction, submitting] = useActionState(props.submitAction, null);
  const [last, setLast] = useState<'save' | 'submit' | null>(null);
  const [version, setVersion] = useState(props.version);
  // The values as they were when the last save was sent.
  const sent = useRef(values);

  const state = last === 'save' ? saveState : last === 'submit' ? submitState : null;
  useEffect(() => {
    if (!state?.ok) return;
    if (state.version !== undefined) setVersion(state.version);
    setSaved(sent.current);
  }, [state]);

  // A newer version saved elsewhere (an uploaded workbook, another tab) replaces the figures
  // when nothing is being edited here; with unsaved edits, the next save is refused as stale
  // and says which figures changed.
  useEffect(() => {
    if (props.version > version && !dirty) {
      setValues(props.initial);
      setSaved(props.initial);
      sent.current = props.initial;
      setVersion(props.version);
    }
    // Only a new server version matters here, not every render's new `initial` object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.version]);

  const previousData = useMemo(() => (props.previous ? parse(props.previous.values).data : null), [props.previous]);
  const { data, errors } = useMemo(() => parse(values), [values]);
  const check = useMemo(() => (data ? checkReport(data, previousData, props.thresholds) : null), [data, previousData, props.thresholds]);
  const ruleMessages = useMemo(() => ruleMessagesByField(check), [check]);
  const serverErrors = state && !state.ok ? state.fieldErrors : {};
  const dirty = REPORT_FIELDS.some((f) => (values[f.path] ?? '') !== (saved[f.path] ?? ''));
  const pending = saving || submitting;
  const [confirming, setConfirming] = useState(false);

  // A refused save or submission lists what to fix at the top of the form and takes focus to
  // the first field in it; only a new answer from the server moves focus, not switching buttons.
  const summary = useMemo(() => (state && !state.ok ? reportFormErrors(state.fieldErrors) : []), [state]);
  const targetOf = (i: { field: string | null; explanation: string | null }) =>
    i.field ? inputId(i.field) : i.explanation && check?.warnings.some((w) => w.rule.id === i.explanation) ? `explain-${i.explanation}` : null;
  function focusFirstError(answer: ActionState) {
    if (!answer || answer.ok) return;
    for (const item of reportFormErrors(answer.fieldErrors)) {
      const target = item.field ? inputId(item.field) : item.explanation ? `explain-${item.explanation}` : null;
      if (target && focusField(target)) return;
    }
    if (Object.keys(answer.fieldErrors).length) document.getElementById(ERROR_SUMMARY_ID)?.focus();
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => focusFirstError(saveState), [saveState]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => focusFirstError(submitState), [submitState]);

  // The sticky bar never covers the field in focus: the page keeps its height clear when it
  // scrolls to a focused field (Tab, a link of the error list).
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = bar.current;
    if (!el) return;
    const root = document.documentElement;
    const apply = () => root.style.setProperty('scroll-padding-bottom', `${el.offsetHeight + 16}px`);
    apply();
    const observer = new ResizeObserver(apply);
    observer.observe(el);
    return () => {
      observer.disconnect();
      root.style.removeProperty('scroll-padding-bottom');
    };
  }, []);

  // What is typed and not saved stays in this browser, per user and report, until it is saved
  // (an ended session, a refused save or a closed tab loses nothing); a form that opens with
  // such figures offers them back. Storage follows the edits only once that offer is answered
  // or the user types on.
  const stashKey = draftStashKey(props.userId, props);
  const [offer, setOffer] = useState<{ stash: DraftStash; changes: number } | null>(null);
  const [restored, setRestored] = useState<number | null>(null);
  const restoredNote = useRef<HTMLParagraphElement>(null);
  const mirroring = useRef(false);
  useEffect(() => {
    const found = decodeDraftStash(readStorage(stashKey));
    const changes = found ? stashedChanges(found, props.initial).length : 0;
    if (found && changes > 0) setOffer({ stash: found, changes });
    else {
      mirroring.current = true;
      if (found) writeStorage(stashKey, null);
    }
    // Read once per report and user; later `initial` objects are the same figures.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stashKey]);
  function mirror() {
    if (!mirroring.current) return;
    const changed = REPORT_FIELDS.filter((f) => (values[f.path] ?? '') !== (saved[f.path] ?? '')).map((f) => [f.path, values[f.path] ?? '']);
    writeStorage(stashKey, changed.length ? encodeDraftStash({ values: Object.fromEntries(changed), version, at: Date.now() }) : null);
  }
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(mirror, [values, saved, version, stashKey]);
  useEffect(() => {
    if (restored !== null) restoredNote.current?.focus();
  }, [restored]);
  // The offer sits below the workbook upload, out of sight on a phone: it takes focus, and the
  // middle of the screen.
  const offered = offer !== null;
  useEffect(() => {
    if (offered) focusField('draft-restore');
  }, [offered]);

  function restore() {
    if (!offer) return;
    mirroring.current = true;
    setValues((v) => ({ ...v, ...offer.stash.values }));
    setRestored(offer.changes);
    setOffer(null);
  }
  function discard() {
    mirroring.current = true;
    mirror();
    setOffer(null);
  }

  function set(path: string, value: string) {
    // Typing on (not just leaving a field) answers an open offer: storage follows the edits again.
    if ((values[path] ?? '') !== value) mirroring.current = true;
    setValues((v) => ({ ...v, [path]: value }));
  }

  /** Writes a typed number back in vi-VN grouping once the field is left. */
  function tidy(path: string) {
    const raw = values[path] ?? '';
    const parsed = raw.trim() === '' ? null : parseVietnameseInteger(raw);
    if (parsed?.ok) set(path, formatInteger(parsed.value));
  }

  function field(path: string, extra?: { wide?: boolean }) {
    const f = REPORT_FIELD_BY_PATH.get(path)!;
    const id = inputId(path);
    const own = errors[path] ?? serverErrors[`data.${path}`]?.[0] ?? serverErrors[path]?.[0];
    const blocking = ruleMessages.blocking.get(path) ?? [];
    const warnings = ruleMessages.warnings.get(path) ?? [];
    const prev = props.previous?.values[path];
    const invalid = Boolean(own) || blocking.length > 0;
    // The opening balance carries on the previous approved closing balance, which is shown and offered.
    const carried = path === 'fund.opening' ? props.previousClosing : null;
    const carriedOver = carried !== null && num(values[path]) === num(carried.amount);
    return (
      <div key={path} className={extra?.wide ? 'sm:col-span-2' : undefined}>
        <Label htmlFor={id} className="text-slate-800">
          {f.shortLabel}
          {f.required ? <span className="text-red-700" aria-hidden="true"> *</span> : null}
        </Label>
        <input
          id={id}
          name={path}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={values[path] ?? ''}
          onChange={(e) => set(path, e.currentTarget.value)}
          onBlur={() => tidy(path)}
          aria-invalid={invalid || undefined}
          aria-describedby={`${id}-msg`}
          className={`tabular mt-1 block w-full rounded-md border px-3 py-2 text-right text-base shadow-sm ${
            invalid ? 'border-red-600 bg-red-50' : warnings.length ? 'border-amber-500 bg-amber-50' : 'border-slate-300 bg-white'
          }`}
        />
        {/* Not a live region: read with the field (aria-describedby); the summary and the status line announce. */}
        <div id={`${id}-msg`} className="mt-1 space-y-0.5 text-xs">
          {carried ? (
            <p className="text-slate-500" data-testid="previous-closing">
              Số dư cuối kỳ trước ({carried.label}
              {carried.mergedFrom.length ? `, cộng của ${carried.mergedFrom.join(', ')}` : ''}, đã duyệt):{' '}
              <span className="tabular">{carried.amount}</span>
              {carriedOver ? <span className="text-emerald-700"> ✓ đã dùng</span> : null}
            </p>
          ) : path === 'fund.opening' && props.previous ? (
            <p className="text-slate-500">Kỳ trước chưa có số dư cuối kỳ đã duyệt.</p>
          ) : props.previous ? (
            <p className="text-slate-500">
              Kỳ trước: <span className="tabular">{prev ? prev : '—'}</span>
            </p>
          ) : null}
          {own ? <p className="text-red-700">{own}</p> : null}
          {blocking.map((m) => (
            <p key={m} className="text-red-700">
              {m}
            </p>
          ))}
          {warnings.map((m) => (
            <p key={m} className="text-amber-800">
              Cảnh báo: {m}
            </p>
          ))}
        </div>
        {carried && !carriedOver ? (
          <button
            type="button"
            onClick={() => set(path, carried.amount)}
            className="mt-1 py-1 text-sm font-medium text-brand-700 underline hover:text-brand-800"
            data-testid="use-previous-closing"
          >
            Dùng số dư cuối kỳ trước
          </button>
        ) : null}
      </div>
    );
  }

  function textField(path: string) {
    const f = REPORT_FIELD_BY_PATH.get(path)!;
    const id = inputId(path);
    const own = errors[path] ?? serverErrors[`data.${path}`]?.[0];
    return (
      <div key={path}>
        <Label htmlFor={id} className="text-slate-800">
          {f.shortLabel}
          {f.required ? <span className="text-red-700" aria-hidden="true"> *</span> : null}
        </Label>
        <textarea
          id={id}
          name={path}
          rows={4}
          value={values[path] ?? ''}
          onChange={(e) => set(path, e.currentTarget.value)}
          aria-invalid={own ? true : undefined}
          aria-describedby={`${id}-msg`}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm"
        />
        <p id={`${id}-msg`} className="mt-1 text-xs text-red-700">
          {own}
        </p>
      </div>
    );
  }

  const section = (s: ReportSection, children: React.ReactNode, note?: React.ReactNode) => (
    <Card as="section" key={s} aria-labelledby={`sec-${s}`}>
      <h2 id={`sec-${s}`} className="text-lg font-semibold">
        {SECTION_LABELS[s]}
      </h2>
      {note}
      <div className="mt-3">{children}</div>
    </Card>
  );

  const rateLine = (registered: bigint | null, recognised: bigint | null, total: bigint | null, prevReg: bigint | null, prevTotal: bigint | null) => {
    const reg = total !== null && registered !== null ? ratio(Number(registered), Number(total)) : null;
    const rec = total !== null && recognised !== null ? ratio(Number(recognised), Number(total)) : null;
    const prev = prevTotal !== null && prevReg !== null ? ratio(Number(prevReg), Number(prevTotal)) : null;
    return (
      <p className="mt-2 text-sm text-slate-700">
        Tỷ lệ đăng ký: <strong className="tabular">{formatPercent(reg)}</strong>
        {props.previous ? <span className="text-slate-500"> (kỳ trước {formatPercent(prev)})</span> : null} · Tỷ lệ đạt danh hiệu:{' '}
        <strong className="tabular">{formatPercent(rec)}</strong>
      </p>
    );
  };

  const fundComputed = (() => {
    const opening = num(values['fund.opening']);
    const spent = num(values['fund.spent']);
    const closing = num(values['fund.closing']);
    const mobilised = FUND_SOURCES.map((s) => num(values[`fund.mobilised.${s}`]));
    const totalMobilised = mobilised.every((m) => m !== null) ? mobilised.reduce<bigint>((a, b) => a + b!, 0n) : null;
    const expected = opening !== null && spent !== null && totalMobilised !== null ? opening + totalMobilised - spent : null;
    return { totalMobilised, expected, closing };
  })();

  const missingCount = check?.missing.length ?? REPORT_FIELDS.filter((f) => f.required).length;
  const blockingCount = (check?.blocking.length ?? 0) + Object.keys(errors).length;

  return (
    <form action={saveFormAction} noValidate className="space-y-5" aria-describedby="report-form-status">
      <input type="hidden" name="provinceCode" value={props.provinceCode} />
      <input type="hidden" name="periodCode" value={props.periodCode} />
      <input type="hidden" name="version" value={version} />

      <p className="text-sm text-slate-600" data-testid="draft-policy">
        Lưu nháp được bất cứ lúc nào, kể cả khi còn thiếu số liệu. Nếu có ô nhập sai (chữ, số âm, số quá lớn…), cả bản nháp chưa được lưu
        cho đến khi sửa xong ô đó; số liệu đã gõ vẫn được giữ trên trình duyệt này cho đến khi lưu được.
      </p>

      {offer ? (
        <div
          id="draft-restore"
          tabIndex={-1}
          aria-labelledby="draft-restore-title"
          role="group"
          className="rounded-lg border border-sky-300 bg-sky-50 p-4 text-sm text-sky-950"
          data-testid="draft-restore"
        >
          <p id="draft-restore-title" className="font-semibold">
            Có {formatInteger(offer.changes)} số liệu bạn đã gõ lúc {formatDateTime(new Date(offer.stash.at))} trên trình duyệt này mà chưa lưu.
          </p>
          {offer.stash.version !== version ? <p className="mt-1">Báo cáo đã được lưu lại sau lúc đó; hãy kiểm tra các số liệu trước khi lưu.</p> : null}
          <div className="mt-3 flex flex-wrap gap-3">
            <Button type="button" variant="primary" onClick={restore}>
              Khôi phục số liệu đã gõ
            </Button>
            <Button type="button" variant="secondary" onClick={discard}>
              Bỏ số liệu đã gõ
            </Button>
          </div>
        </div>
      ) : null}
      {restored !== null && dirty ? (
        <p ref={restoredNote} tabIndex={-1} className="rounded-md border border-sky-300 bg-sky-50 p-3 text-sm text-sky-950" data-testid="draft-restored">
          Đã khôi phục {formatInteger(restored)} số liệu đã gõ. Bấm “Lưu nháp” để lưu.
        </p>
      ) : null}

      <ErrorSummary
        id={ERROR_SUMMARY_ID}
        title={last === 'submit' ? `Chưa gửi được: ${formatInteger(summary.length)} mục cần sửa` : `Chưa lưu được: ${formatInteger(summary.length)} ô cần sửa`}
        entries={summary.map((i) => ({ key: i.key, label: i.label, messages: i.messages, target: targetOf(i) }))}
      />

      {section(
        'models',
        <div className="grid gap-4 lg:grid-cols-2">
          {LEARNING_MODELS.map((m) => (
            <fieldset key={m} className="rounded-md border border-slate-200 p-3" data-testid={`model-${m}`}>
              <legend className="px-1 font-semibold">{LEARNING_MODEL_LABELS[m]}</legend>
              <div className="grid gap-3 sm:grid-cols-3">{['total', 'registered', 'recognised'].map((k) => field(`models.${m}.${k}`))}</div>
              {rateLine(
                num(values[`models.${m}.registered`]),
                num(values[`models.${m}.recognised`]),
                num(values[`models.${m}.total`]),
                num(props.previous?.values[`models.${m}.registered`]),
                num(props.previous?.values[`models.${m}.total`]),
              )}
            </fieldset>
          ))}
        </div>,
        props.previous ? <p className="mt-1 text-sm text-slate-600">Số liệu kỳ trước ({props.previous.label}) hiện dưới mỗi ô.</p> : null,
      )}

      {section(
        'fund',
        <>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {field('fund.opening')}
            {FUND_SOURCES.map((s) => field(`fund.mobilised.${s}`))}
            {field('fund.spent')}
            {field('fund.closing')}
          </div>
          <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm" data-testid="fund-check">
            <p>
              Tổng vận động trong kỳ: <strong className="tabular">{formatVnd(fundComputed.totalMobilised)}</strong>
            </p>
            <p>
              Số dư cuối kỳ tính được (đầu kỳ + vận động − chi): <strong className="tabular">{formatVnd(fundComputed.expected)}</strong>
              {fundComputed.expected !== null && fundComputed.closing !== null ? (
                fundComputed.expected === fundComputed.closing ? (
                  <span className="ml-2 text-emerald-700">✓ khớp số dư cuối kỳ</span>
                ) : (
                  <span className="ml-2 text-red-700">✗ lệch {formatVnd(fundComputed.closing - fundComputed.expected)} so với số dư cuối kỳ</span>
                )
              ) : null}
            </p>
          </div>
        </>,
        <p className="mt-1 text-sm text-slate-600">Đơn vị: đồng. Gõ số theo kiểu Việt Nam, ví dụ 1.234.567.</p>,
      )}

      {section(
        'awards',
        <div className="space-y-4">
          {AWARD_KINDS.map((k) => (
            <fieldset key={k} className="rounded-md border border-slate-200 p-3">
              <legend className="px-1 font-semibold">{AWARD_KIND_LABELS[k]}</legend>
              <div className="space-y-3">
                {RECIPIENT_GROUPS.map((g) => (
                  <div key={g} className="grid gap-3 sm:grid-cols-[12rem_1fr_1fr] sm:items-start">
                    <p className="pt-7 text-sm font-medium text-slate-700">{RECIPIENT_GROUP_LABELS[g]}</p>
                    {field(`awards.${k}.${g}.recipients`)}
                    {field(`awards.${k}.${g}.amount`)}
                  </div>
                ))}
              </div>
            </fieldset>
          ))}
        </div>,
      )}

      {section('membership', <div className="grid gap-3 sm:grid-cols-3">{['members', 'newMembers', 'branches'].map((k) => field(`membership.${k}`))}</div>)}
      {section('centres', <div className="grid gap-3 sm:grid-cols-3">{['centres', 'classes', 'learners'].map((k) => field(`centres.${k}`))}</div>)}
      {section('narrative', <div className="space-y-3">{['results', 'limitations', 'plan'].map((k) => textField(`narrative.${k}`))}</div>)}

      {check && check.warnings.length > 0 ? (
        <section aria-labelledby="sec-explain" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id="sec-explain" className="text-lg font-semibold text-amber-900">
            Giải trình cảnh báo
          </h2>
          <p className="text-sm text-amber-900">Báo cáo vẫn gửi được khi có cảnh báo, nhưng cần ghi rõ lý do cho từng cảnh báo.</p>
          <div className="mt-3 space-y-3">
            {check.warnings.map((w) => {
              const id = `explain-${w.rule.id}`;
              const err = serverErrors[`explanations.${w.rule.id}`]?.[0];
              return (
                <div key={w.rule.id}>
                  <Label htmlFor={id} className="text-amber-950">
                    {w.message}
                  </Label>
                  <textarea
                    id={id}
                    name={`explanations.${w.rule.id}`}
                    rows={2}
                    defaultValue={props.explanations[w.rule.id] ?? ''}
                    aria-describedby={`${id}-err`}
                    className="mt-1 block w-full rounded-md border border-amber-400 bg-white px-3 py-2 text-base"
                  />
                  <p id={`${id}-err`} className="text-xs text-red-700">
                    {err}
                  </p>
                </div>
              );
            })}
          </div>
        </section>
      ) : null}

      <div ref={bar} className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur" data-testid="form-actions">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3">
          {/* aria-disabled rather than disabled while busy: a disabled button drops focus to the page. */}
          <Button
            type="submit"
            onClick={(e) => {
              if (pending) return e.preventDefault();
              setLast('save');
              sent.current = values;
            }}
            aria-disabled={pending || undefined}
            className="aria-disabled:opacity-60"
            variant="secondary"
          >
            {saving ? 'Đang lưu…' : 'Lưu nháp'}
          </Button>
          <Button
            type="submit"
            formAction={submitFormAction}
            onClick={(e) => {
              if (pending) return e.preventDefault();
              // A report that can go asks first; one that cannot goes straight to the server, which lists what is missing.
              if (missingCount === 0 && blockingCount === 0) {
                e.preventDefault();
                setConfirming(true);
                return;
              }
              setLast('submit');
              sent.current = values;
            }}
            aria-disabled={pending || undefined}
            aria-haspopup="dialog"
            className="aria-disabled:opacity-60"
            variant="primary"
          >
            {submitting ? 'Đang gửi…' : 'Gửi báo cáo'}
          </Button>
          <p className="text-sm text-slate-600" data-testid="form-summary">
            {dirty ? 'Có thay đổi chưa lưu. ' : ''}
            {missingCount > 0 ? `Còn ${missingCount} số liệu bắt buộc chưa nhập. ` : ''}
            {blockingCount > 0 ? `${blockingCount} lỗi cần sửa trước khi gửi.` : ''}
            {missingCount === 0 && blockingCount === 0 ? 'Đủ điều kiện gửi.' : ''}
          </p>
          {summary.length > 0 ? (
            <a
              href={`#${ERROR_SUMMARY_ID}`}
              onClick={(e) => {
                e.preventDefault();
                focusField(ERROR_SUMMARY_ID);
              }}
              className="text-sm font-medium text-red-800 underline"
            >
              Xem {formatInteger(summary.length)} {last === 'submit' ? 'mục' : 'ô'} cần sửa
            </a>
          ) : null}
        </div>
        <p
          id="report-form-status"
          role="status"
          aria-live="polite"
          className={`mx-auto mt-1 max-w-7xl text-sm font-medium ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}
        >
          {state?.message}
          {state && !state.ok && state.signInUrl ? ' Số liệu đã gõ vẫn được giữ trên trình duyệt này.' : null}
          <SignInAgain state={state} />
        </p>
      </div>

      <ConfirmDialog
        open={confirming}
        onCancel={() => setConfirming(false)}
        title="Gửi báo cáo tới cụm trưởng?"
        confirm={
          <Button
            type="submit"
            formAction={submitFormAction}
            onClick={() => {
              setLast('submit');
              sent.current = values;
              setConfirming(false);
            }}
            variant="primary"
          >
            Xác nhận gửi
          </Button>
        }
      >
        <p>Sau khi gửi, tỉnh không sửa được báo cáo nữa, trừ khi cụm trưởng trả lại để sửa.</p>
        {dirty ? <p>Các thay đổi chưa lưu được lưu cùng lúc.</p> : null}
        {check && check.warnings.length > 0 ? (
          <p>Báo cáo có {formatInteger(check.warnings.length)} cảnh báo; mỗi cảnh báo cần có giải trình.</p>
        ) : null}
      </ConfirmDialog>
    </form>
  );
}
