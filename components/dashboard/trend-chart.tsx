import { formatPercent } from '@/lib/format';

export type TrendSeries = { label: string; points: Array<number | null> };

const W = 640;
const H = 240;
const PAD = { left: 44, right: 110, top: 10, bottom: 28 };
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;
const COLOURS = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c'];

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

/**
 * Rates across periods, one line per series, each with its own marker shape
 * and its name written at the line's end (not colour alone). The y axis spans
 * the data's range so that small changes show, and says so.
 */
export function TrendChart({ title, periods, series }: { title: string; periods: string[]; series: TrendSeries[] }) {
  const values = series.flatMap((s) => s.points).filter((v): v is number => v !== null);
  if (values.length === 0 || periods.length === 0) {
    return (
      <figure>
        <figcaption className="text-sm font-semibold">{title}</figcaption>
        <p className="text-sm text-slate-600">Không có số liệu.</p>
      </figure>
    );
  }
  const lo = Math.max(0, Math.floor(Math.min(...values) * 20) / 20 - 0.05);
  const hi = Math.min(1, Math.ceil(Math.max(...values) * 20) / 20 + 0.05);
  const x = (i: number) => PAD.left + (periods.length === 1 ? 0 : (i / (periods.length - 1)) * (W - PAD.left - PAD.right));
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  const ticks = [lo, (lo + hi) / 2, hi];
  const every = Math.ceil(periods.length / 8);
  const description = series
    .map((s) => `${s.label}: ${s.points.map((p, i) => `${periods[i]} ${formatPercent(p)}`).join(', ')}`)
    .join('. ');
  return (
    <figure className="w-full">
      <figcaption className="mb-1 text-sm font-semibold text-slate-800">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}. ${description}`} className="h-auto w-full">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#64748b">
              {formatPercent(t, 0)}
            </text>
          </g>
        ))}
        {periods.map((p, i) =>
          i % every === 0 || i === periods.length - 1 ? (
            <text key={p} x={x(i)} y={H - 8} textAnchor="middle" fontSize="11" fill="#64748b">
              {p}
            </text>
          ) : null,
        )}
        {series.map((s, si) => {
          const colour = COLOURS[si % COLOURS.length]!;
          const marker = MARKERS[si % MARKERS.length]!;
          const pts = s.points.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
          const path = pts.reduce((d, pt, i) => (pt ? `${d}${d && pts[i - 1] ? 'L' : 'M'}${pt[0]},${pt[1]}` : d), '');
          const lastIndex = pts.map((p) => p !== null).lastIndexOf(true);
          const last = lastIndex >= 0 ? pts[lastIndex] : null;
          return (
            <g key={s.label}>
              <path d={path} fill="none" stroke={colour} strokeWidth={2} />
              {pts.map((pt, i) => (pt ? <Marker key={i} kind={marker} x={pt[0]} y={pt[1]} colour={colour} /> : null))}
              {last ? (
                <text x={last[0] + 8} y={last[1] + 4} fontSize="11" fill={colour}>
                  {s.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <p className="mt-1 text-xs text-slate-600">
        Trục dọc từ {formatPercent(lo, 0)} đến {formatPercent(hi, 0)} để thấy rõ thay đổi.
      </p>
    </figure>
  );
}
