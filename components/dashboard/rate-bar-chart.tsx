import { Fragment } from 'react';
import { formatPercent } from '@/lib/format';

export type RateBar = { label: string; rate: number | null; /** e.g. "309.411 / 310.000" */ detail?: string };

const TICKS = [0, 0.25, 0.5, 0.75, 1];

/** A rate's place along the bar's track, as a CSS length (0–100 %, clamped). */
// To a thousandth of the width: finer is invisible, and every digit is sent twice (the HTML and the React payload).
const along = (rate: number) => `${Math.round(Math.max(0, Math.min(1, rate)) * 1000) / 10}%`;

/**
 * Horizontal bars of rates (0–100 %), with an optional target line. Drawn in HTML, not SVG: the
 * bars stretch with the screen while the text keeps its size (12 px on a phone, 14 px from `sm`),
 * where an SVG scaled to a phone shrank its labels to 6 px. Server-rendered: readable without
 * JavaScript, in print and by screen readers (the chart is one image whose text alternative lists
 * every value); values and the target status are written as text, so colour is never the only cue.
 */
export function RateBarChart({ title, bars, target }: { title: string; bars: RateBar[]; target?: { rate: number; label: string } }) {
  const description = bars
    .map((b) => `${b.label}: ${formatPercent(b.rate)}${target && b.rate !== null ? (b.rate >= target.rate ? ' (đạt mục tiêu)' : ' (dưới mục tiêu)') : ''}`)
    .join('; ');
  return (
    <figure className="w-full">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{title}</figcaption>
      <div role="img" aria-label={`${title}. ${description}`} className="grid grid-cols-[auto_minmax(0,1fr)_auto] items-center gap-x-2 gap-y-1.5 text-xs text-slate-900 sm:text-sm">
        {bars.map((b) => {
          const below = target !== undefined && b.rate !== null && b.rate < target.rate;
          return (
            <Fragment key={b.label}>
              <span className="max-w-32 truncate text-right">{b.label}</span>
              <span className="relative h-5">
                {TICKS.slice(1, -1).map((t) => (
                  <span key={t} className="absolute inset-y-0 w-px bg-slate-200" style={{ left: along(t) }} />
                ))}
                {b.rate === null ? (
                  <span className="absolute inset-y-0 left-1 flex items-center text-slate-600 italic">không có số liệu</span>
                ) : (
                  <span className={`absolute inset-y-0.5 left-0 min-w-px rounded-sm ${below ? 'bg-amber-500' : 'bg-brand-600'}`} style={{ width: along(b.rate) }} />
                )}
                {target ? <span className="absolute -inset-y-1 border-l-2 border-dashed border-red-600" style={{ left: along(target.rate) }} /> : null}
              </span>
              <span className="tabular text-right font-semibold whitespace-nowrap">{b.rate === null ? '—' : `${formatPercent(b.rate)}${below ? ' ▼' : ''}`}</span>
            </Fragment>
          );
        })}
        <span />
        <span className="relative h-4 text-xs text-slate-600">
          {TICKS.map((t) => (
            <span key={t} className="absolute -translate-x-1/2 whitespace-nowrap" style={{ left: along(t) }}>
              {formatPercent(t, 0)}
            </span>
          ))}
        </span>
        <span />
      </div>
      {target ? <p className="mt-2 text-xs text-slate-600">▼ dưới mục tiêu; đường đỏ đứt nét: {target.label}.</p> : null}
    </figure>
  );
}
