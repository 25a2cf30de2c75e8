import { formatPercent } from '@/lib/format';
import { ScrollPanel } from '@/components/ui/scroll-panel';

export type TrendSeries = { label: string; points: Array<number | null> };

const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;
const COLOURS = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c'];

/**
 * The chart's two layouts, drawn at the size they are shown: a narrow one below `md` (on a phone
 * its SVG is never narrower than `width`, so its text never renders under `font` px; a screen
 * narrower than that scrolls it sideways) and a wide one above, capped in width so that it does
 * not grow huge on a wide screen.
 */
const LAYOUTS = {
  narrow: { width: 320, height: 220, pad: { left: 42, right: 12, top: 10, bottom: 26 }, font: 12 },
  wide: { width: 640, height: 240, pad: { left: 48, right: 16, top: 10, bottom: 28 }, font: 12 },
} as const;
type Layout = (typeof LAYOUTS)[keyof typeof LAYOUTS];

function Marker({ kind, x, y, colour }: { kind: (typeof MARKERS)[number]; x: number; y: number; colour: string }) {
  switch (kind) {
    case 'circle':
      return <circle cx={x} cy={y} r={3.5} fill={colour} />;
    case 'square':
      return <rect x={x - 3.5} y={y - 3.5} width={7} height={7} fill={colour} />;
    case 'triangle':
      return <path d={`M${x},${y - 4.5}L${x + 4.5},${y + 3.5}L${x - 4.5},${y + 3.5}Z`} fill={colour} />;
    case 'diamond':
      return <path d={`M${x},${y - 5}L${x + 5},${y}L${x},${y + 5}L${x - 5},${y}Z`} fill={colour} />;
    case 'cross':
      return <path d={`M${x - 4},${y - 4}L${x + 4},${y + 4}M${x + 4},${y - 4}L${x - 4},${y + 4}`} stroke={colour} strokeWidth={2} />;
  }
}

const tenth = (n: number) => Math.round(n * 10) / 10;

type Anchor = 'start' | 'middle' | 'end';

/**
 * Which period labels the x axis can show without overlapping: from the newest backwards, a label
 * is kept when it clears the one kept before it. The first and last are anchored inside the plot.
 * Widths are estimated (0.6 em a character), on the generous side.
 */
function periodAxisLabels(periods: readonly string[], x: (i: number) => number, font: number, gap = 10): Array<{ index: number; anchor: Anchor }> {
  const kept: Array<{ index: number; anchor: Anchor }> = [];
  let leftmost = Infinity;
  for (let i = periods.length - 1; i >= 0; i--) {
    const width = periods[i]!.length * font * 0.6;
    const anchor: Anchor = i === 0 ? 'start' : i === periods.length - 1 ? 'end' : 'middle';
    const left = anchor === 'start' ? x(i) : anchor === 'end' ? x(i) - width : x(i) - width / 2;
    const right = left + width;
    if (right + gap <= leftmost) {
      kept.push({ index: i, anchor });
      leftmost = left;
    }
  }
  return kept.reverse();
}

function TrendSvg({ layout, periods, series, lo, hi, className }: { layout: Layout; periods: string[]; series: TrendSeries[]; lo: number; hi: number; className: string }) {
  const { width: W, height: H, pad, font } = layout;
  // To a tenth of a unit: finer is invisible, and every digit is sent twice (the HTML and the React payload).
  const x = (i: number) => tenth(pad.left + (periods.length === 1 ? 0 : (i / (periods.length - 1)) * (W - pad.left - pad.right)));
  const y = (v: number) => tenth(pad.top + (1 - (v - lo) / (hi - lo || 1)) * (H - pad.top - pad.bottom));
  const ticks = [lo, (lo + hi) / 2, hi];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} aria-hidden="true" className={className}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pad.left} x2={W - pad.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
          <text x={pad.left - 6} y={y(t) + font / 3} textAnchor="end" fontSize={font} fill="#475569">
            {formatPercent(t, 0)}
          </text>
        </g>
      ))}
      {periodAxisLabels(periods, x, font).map(({ index, anchor }) => (
        <text key={index} x={x(index)} y={H - 8} textAnchor={anchor} fontSize={font} fill="#475569">
          {periods[index]}
        </text>
      ))}
      {series.map((s, si) => {
        const colour = COLOURS[si % COLOURS.length]!;
        const marker = MARKERS[si % MARKERS.length]!;
        const pts = s.points.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
        const path = pts.reduce((d, pt, i) => (pt ? `${d}${d && pts[i - 1] ? 'L' : 'M'}${pt[0]},${pt[1]}` : d), '');
        return (
          <g key={s.label}>
            <path d={path} fill="none" stroke={colour} strokeWidth={2} />
            {pts.map((pt, i) => (pt ? <Marker key={i} kind={marker} x={pt[0]} y={pt[1]} colour={colour} /> : null))}
          </g>
        );
      })}
    </svg>
  );
}

/**
 * Rates across periods, one line per series, each with its own marker shape and colour, named in
 * the legend under the chart with the same marker (not colour alone; names written at the lines'
 * ends overlapped where two rates were close). The y axis spans the data's range so that small
 * changes show, and says so.
 */
export function TrendChart({ title, periods, series }: { title: string; periods: string[]; series: TrendSeries[] }) {
  const values = series.flatMap((s) => s.points).filter((v): v is number => v !== null);
  if (values.length === 0 || periods.length === 0) {
    return (
      <figure>
        <figcaption className="text-sm font-semibold">{title}</figcaption>
        <p className="text-sm text-slate-600">Chưa có số liệu của kỳ nào.</p>
      </figure>
    );
  }
  const lo = Math.max(0, Math.floor(Math.min(...values) * 20) / 20 - 0.05);
  const hi = Math.min(1, Math.ceil(Math.max(...values) * 20) / 20 + 0.05);
  const description = series
    .map((s) => `${s.label}: ${s.points.map((p, i) => `${periods[i]} ${formatPercent(p)}`).join(', ')}`)
    .join('. ');
  return (
    <figure className="w-full">
      <figcaption className="mb-1 text-sm font-semibold text-slate-800">{title}</figcaption>
      <div role="img" aria-label={`${title}. ${description}`} className="hidden md:block">
        <TrendSvg layout={LAYOUTS.wide} periods={periods} series={series} lo={lo} hi={hi} className="h-auto w-full max-w-3xl" />
      </div>
      {/* The phone layout: its own image, scrolled sideways (and so focusable) on a screen narrower than it. */}
      <ScrollPanel aria-label={`${title} (kéo ngang để xem hết)`} className="md:hidden">
        <div role="img" aria-label={`${title}. ${description}`}>
          <TrendSvg layout={LAYOUTS.narrow} periods={periods} series={series} lo={lo} hi={hi} className="block h-auto w-full max-w-md min-w-[320px]" />
        </div>
      </ScrollPanel>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Chú giải">
        {series.map((s, si) => (
          <li key={s.label} className="flex items-center gap-1.5">
            <svg viewBox="0 0 24 12" aria-hidden="true" className="h-3 w-6">
              <line x1={0} x2={24} y1={6} y2={6} stroke={COLOURS[si % COLOURS.length]} strokeWidth={2} />
              <Marker kind={MARKERS[si % MARKERS.length]!} x={12} y={6} colour={COLOURS[si % COLOURS.length]!} />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-600">
        Trục dọc từ {formatPercent(lo, 0)} đến {formatPercent(hi, 0)} để thấy rõ thay đổi.
      </p>
    </figure>
  );
}
