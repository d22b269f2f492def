/**
 * A small bar chart of one number per day, as plain SVG: no chart library, nothing the page's
 * Content-Security-Policy would have to allow.
 */
export function DailyBars({
  points,
  label,
  testId,
}: {
  points: { day: string; value: number }[];
  /** What the chart shows, for screen readers (the bars carry their own tooltips). */
  label: string;
  testId?: string;
}) {
  const width = 300;
  const height = 48;
  const max = Math.max(1, ...points.map((p) => p.value));
  const slot = width / Math.max(1, points.length);
  const bar = Math.max(1, slot - 2);
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      className="h-12 w-full"
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="var(--border)" />
      {points.map((p, i) => {
        const h = (p.value / max) * (height - 2);
        return (
          <rect
            key={p.day}
            x={i * slot + (slot - bar) / 2}
            y={height - 1 - h}
            width={bar}
            height={Math.max(h, p.value > 0 ? 1 : 0)}
            rx={1}
            className="fill-primary"
            data-day={p.day}
            data-value={p.value}
          >
            <title>{`${p.day}: ${p.value}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** Bar colours as whole class names, so Tailwind sees them; SVG fills need no inline style. */
export const BAR_COLORS = {
  indigo: { fill: "fill-primary", swatch: "bg-primary/90" },
  emerald: { fill: "fill-success", swatch: "bg-success" },
  amber: { fill: "fill-warning", swatch: "bg-warning" },
  rose: { fill: "fill-destructive", swatch: "bg-destructive" },
  sky: { fill: "fill-info", swatch: "bg-info" },
} as const;

export interface BarSeries {
  label: string;
  color: keyof typeof BAR_COLORS;
  /** One value per day, in the order of `days`. */
  values: number[];
}

/** The chart's own words: the stand-in table's caption and first column, and an empty range's note. */
export interface ChartWords {
  caption: string;
  day: string;
  empty: string;
}

const ENGLISH = (title: string): ChartWords => ({
  caption: `${title}, per UTC day`,
  day: "Day",
  empty: "Nothing in this range",
});

/**
 * A titled chart of one or more numbers per day, bars side by side, as plain SVG. The drawing is
 * hidden from screen readers; a visually hidden table with the same numbers stands in for it.
 */
export function DailyBarChart({
  title,
  days,
  series,
  testId,
  words = ENGLISH(title),
}: {
  title: string;
  days: string[];
  series: BarSeries[];
  testId?: string;
  words?: ChartWords;
}) {
  const width = 420;
  const height = 160;
  const pad = { top: 14, bottom: 22, side: 6 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const slot = (width - 2 * pad.side) / Math.max(1, days.length);
  // Capped, so that a few days do not become slabs.
  const bar = Math.max(1, Math.min(24, (slot * 0.8) / Math.max(1, series.length)));
  const plot = height - pad.top - pad.bottom;
  const labelEvery = Math.ceil(days.length / 7);
  const empty = series.every((s) => s.values.every((v) => v === 0));
  return (
    <figure className="rounded-xl border border-border bg-card p-4 shadow-sm" data-testid={testId}>
      <figcaption className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm font-medium">
        <span className="mr-auto">{title}</span>
        {series.length > 1 &&
          series.map((s) => (
            <span key={s.label} className="flex items-center gap-1 text-xs font-normal text-muted-foreground">
              <span
                aria-hidden="true"
                className={`inline-block h-2.5 w-2.5 rounded-sm ${BAR_COLORS[s.color].swatch}`}
              />
              {s.label}
            </span>
          ))}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" aria-hidden="true">
        <line
          x1={pad.side}
          x2={width - pad.side}
          y1={height - pad.bottom}
          y2={height - pad.bottom}
          stroke="var(--border)"
        />
        {empty && (
          <text x={width / 2} y={height / 2} textAnchor="middle" fontSize="12" fill="var(--muted-foreground)">
            {words.empty}
          </text>
        )}
        {days.map((day, i) => {
          const x0 = pad.side + i * slot + (slot - bar * series.length) / 2;
          return (
            <g key={day}>
              {series.map((s, j) => {
                const value = s.values[i] ?? 0;
                const h = (value / max) * plot;
                return (
                  <rect
                    key={s.label}
                    x={x0 + j * bar}
                    y={height - pad.bottom - h}
                    width={Math.max(1, bar - 1)}
                    height={Math.max(h, value > 0 ? 1 : 0)}
                    rx={1}
                    className={BAR_COLORS[s.color].fill}
                  >
                    <title>{`${day} ${s.label}: ${value}`}</title>
                  </rect>
                );
              })}
              {(days.length - 1 - i) % labelEvery === 0 && (
                <text
                  x={x0 + (bar * series.length) / 2}
                  y={height - 6}
                  textAnchor="middle"
                  fontSize="10"
                  fill="var(--muted-foreground)"
                >
                  {day.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {/* Hidden by a wrapper: a table box keeps its content's width whatever sr-only sets on it. */}
      <div className="sr-only">
        <table>
          <caption>{words.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{words.day}</th>
              {series.map((s) => (
                <th key={s.label} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((day, i) => (
              <tr key={day}>
                <th scope="row">{day}</th>
                {series.map((s) => (
                  <td key={s.label}>{s.values[i] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
