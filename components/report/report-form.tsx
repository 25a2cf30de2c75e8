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
import { formatInteger, formatPercent, formatVnd, parseVietnameseInteger } from '@/lib/format';
import { ratio } from '@/lib/dashboards/metrics';
import { fieldErrorsOf, ReportDataSchema, unflattenReportInput, type ReportData } from '@/lib/reports/data';
import { REPORT_FIELD_BY_PATH, REPORT_FIELDS, SECTION_LABELS, type ReportSection } from '@/lib/reports/fields';
import { checkReport, type ReportCheck } from '@/lib/reports/rules';
import { Card } from '@/components/ui/card';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/input';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

export type ReportFormProps = {
  provinceCode: string;
  periodCode: string;
  version: number;
  /** Input values keyed by catalogue path, as flattenReportData gives them. */
  initial: Record<string, string>;
  previous: { label: string; values: Record<string, string> } | null;
  explanations: Record<string, string>;
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
  const check = useMemo(() => (data ? checkReport(data, previousData) : null), [data, previousData]);
  const ruleMessages = useMemo(() => ruleMessagesByField(check), [check]);
  const serverErrors = state && !state.ok ? state.fieldErrors : {};
  const dirty = REPORT_FIELDS.some((f) => (values[f.path] ?? '') !== (saved[f.path] ?? ''));
  const pending = saving || submitting;

  function set(path: string, value: string) {
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
        <div id={`${id}-msg`} aria-live="polite" className="mt-1 space-y-0.5 text-xs">
          {props.previous ? (
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
        <p id={`${id}-msg`} aria-live="polite" className="mt-1 text-xs text-red-700">
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
          <div className="mt-3 rounded-md bg-slate-50 p-3 text-sm" data-testid="fund-check" aria-live="polite">
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
                  <p id={`${id}-err`} aria-live="polite" className="text-xs text-red-700">
                    {err}
                  </p>
                </div>
              );
            })}
          </div>
        </section>
      ) : null}

      <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3">
          <Button
            type="submit"
            onClick={() => {
              setLast('save');
              sent.current = values;
            }}
            disabled={pending}
            variant="secondary"
          >
            {saving ? 'Đang lưu…' : 'Lưu nháp'}
          </Button>
          <Button
            type="submit"
            formAction={submitFormAction}
            onClick={() => {
              setLast('submit');
              sent.current = values;
            }}
            disabled={pending}
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
        </div>
        <p
          id="report-form-status"
          role="status"
          aria-live="polite"
          className={`mx-auto mt-1 max-w-7xl text-sm font-medium ${state?.ok ? 'text-emerald-700' : 'text-red-700'}`}
        >
          {state?.message}
        </p>
      </div>
    </form>
  );
}
