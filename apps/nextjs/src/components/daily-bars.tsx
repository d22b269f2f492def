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
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#cbd5e1" />
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
            className="fill-indigo-500"
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
