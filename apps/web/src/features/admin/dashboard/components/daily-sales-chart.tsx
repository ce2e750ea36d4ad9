import type { TSalesSummary } from '@mercato/shared';
import { formatMoney } from '../../../../lib/format-money.js';
import { layoutBars } from '../lib/chart-scale.js';

const WIDTH = 720;
const HEIGHT = 220;
const AXIS = 64;
/** Room above the plot for the top tick's label. */
const TOP = 12;
// A bucket is a calendar date, already in the admin's zone: formatting it at UTC midnight keeps it that date.
const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function labelOf(date: string): string {
  return dayLabel.format(new Date(`${date}T00:00:00Z`));
}

/**
 * Daily revenue as an SVG bar chart, one bar per calendar day in `timeZone` (the API buckets by it) (scales with its container; no chart library). Screen readers get a summary
 * as the image's name and the numbers as a table in the disclosure below.
 */
export function DailySalesChart({ summary, timeZone }: { summary: TSalesSummary; timeZone: string }) {
  const money = (amount: number) => formatMoney(Math.round(amount), summary.currency);
  const { bars, ticks } = layoutBars(
    summary.daily.map((day) => ({ date: day.date, value: day.revenue })),
    WIDTH - AXIS,
    HEIGHT,
  );
  const best = summary.daily.reduce((top, day) => (day.revenue > (top?.revenue ?? -1) ? day : top), summary.daily[0]);
  const first = summary.daily[0];
  const last = summary.daily.at(-1);
  const description =
    first && last && best
      ? `Daily revenue from ${labelOf(first.date)} to ${labelOf(last.date)}; best day ${labelOf(best.date)} with ${money(best.revenue)}.`
      : 'No days in this range.';
  const labelEvery = Math.max(1, Math.ceil(bars.length / 8));

  return (
    <figure className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <figcaption className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-semibold">Revenue per day</span>
        <span className="text-sm text-slate-600">({timeZone} days)</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${TOP + HEIGHT + 24}`} role="img" aria-label={description} className="h-auto w-full">
        <g transform={`translate(0 ${TOP})`}>
          {ticks.map((tick) => {
            const y = HEIGHT - (tick / (ticks.at(-1) ?? 1)) * HEIGHT;
            return (
              <g key={tick}>
                <line x1={AXIS} x2={WIDTH} y1={y} y2={y} className="stroke-slate-200" />
                <text x={AXIS - 8} y={y + 4} textAnchor="end" className="fill-slate-600 text-[11px]">
                  {money(tick)}
                </text>
              </g>
            );
          })}
          <g transform={`translate(${AXIS} 0)`}>
            {bars.map((bar, index) => (
              <g key={bar.date}>
                <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} rx={2} className="fill-brand-600">
                  <title>{`${labelOf(bar.date)}: ${money(bar.value)}`}</title>
                </rect>
                {index % labelEvery === 0 && (
                  <text
                    x={bar.x + bar.width / 2}
                    y={HEIGHT + 16}
                    textAnchor="middle"
                    className="fill-slate-600 text-[11px]"
                  >
                    {labelOf(bar.date)}
                  </text>
                )}
              </g>
            ))}
          </g>
        </g>
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">Show the numbers</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">Revenue and orders per day ({timeZone} days)</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1 font-medium">
                Day
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Orders
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Revenue
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.daily.map((day) => (
              <tr key={day.date} className="border-t border-slate-100">
                <th scope="row" className="py-1 font-normal">
                  {labelOf(day.date)}
                </th>
                <td className="py-1 text-right">{day.orders}</td>
                <td className="py-1 text-right">{money(day.revenue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
