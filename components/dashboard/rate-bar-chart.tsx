import { formatPercent } from '@/lib/format';

export type RateBar = { label: string; rate: number | null; /** e.g. "309.411 / 310.000" */ detail?: string };

const W = 640;
const LABEL = 150;
const VALUE = 96;
const ROW = 30;
const BAR_W = W - LABEL - VALUE - 8;

/**
 * Horizontal bars of rates (0–100 %), with an optional target line. Server-
 * rendered SVG: readable without JavaScript, in print and by screen readers
 * (a text alternative lists every value); values and the target status are
 * written as text, so colour is never the only cue.
 */
export function RateBarChart({ title, bars, target }: { title: string; bars: RateBar[]; target?: { rate: number; label: string } }) {
  const height = bars.length * ROW + 34;
  const x = (rate: number) => LABEL + Math.max(0, Math.min(1, rate)) * BAR_W;
  const description = bars
    .map((b) => `${b.label}: ${formatPercent(b.rate)}${target && b.rate !== null ? (b.rate >= target.rate ? ' (đạt mục tiêu)' : ' (dưới mục tiêu)') : ''}`)
    .join('; ');
  return (
    <figure className="w-full">
      <figcaption className="mb-1 text-sm font-semibold text-slate-800">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`${title}. ${description}`} className="h-auto w-full">
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={4} y2={height - 24} stroke="#e2e8f0" />
            <text x={x(t)} y={height - 8} textAnchor="middle" fontSize="11" fill="#64748b">
              {formatPercent(t, 0)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const y = 6 + i * ROW;
          const below = target && b.rate !== null && b.rate < target.rate;
          return (
            <g key={b.label}>
              <text x={LABEL - 8} y={y + 15} textAnchor="end" fontSize="13" fill="#0f172a">
                {b.label}
              </text>
              {b.rate === null ? (
                <text x={LABEL + 4} y={y + 15} fontSize="12" fill="#64748b" fontStyle="italic">
                  không có số liệu
                </text>
              ) : (
                <rect x={LABEL} y={y + 3} width={Math.max(1, x(b.rate) - LABEL)} height={ROW - 10} rx="3" fill={below ? '#f59e0b' : '#1d4ed8'} />
              )}
              <text x={W - 4} y={y + 15} textAnchor="end" fontSize="13" fontWeight="600" fill="#0f172a">
                {b.rate === null ? '—' : `${formatPercent(b.rate)}${below ? ' ▼' : ''}`}
              </text>
            </g>
          );
        })}
        {target ? (
          <g>
            <line x1={x(target.rate)} x2={x(target.rate)} y1={0} y2={height - 24} stroke="#dc2626" strokeWidth="2" strokeDasharray="5 4" />
            <text x={x(target.rate) + 4} y={height - 26} fontSize="11" fill="#b91c1c">
              {target.label}
            </text>
          </g>
        ) : null}
      </svg>
      {target ? <p className="mt-1 text-xs text-slate-600">▼ dưới mục tiêu; đường đỏ đứt nét: {target.label}.</p> : null}
    </figure>
  );
}
