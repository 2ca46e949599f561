import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { PAYMENT_SOURCES, type EarningsSummary } from '@shared/domain/money/earnings';
import { chartRows, chartSummary, type ChartRow } from './earnings-chart-data';
import { dayLabel, SOURCE_LABELS } from './earnings-format';

type Series = EarningsSummary['daily'][number];

/** Each source's colour (earnings.css sets them for the light and the dark scheme). */
const FILL = {
  subscription: 'var(--earnings-subscription)',
  ppv: 'var(--earnings-ppv)',
  ticket: 'var(--earnings-ticket)',
  tip: 'var(--earnings-tip)',
} as const;

const shortDay = (day: string) => dayLabel(day, { month: 'short', day: 'numeric' });

function DayTooltip({ active, payload }: TooltipContentProps) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="earnings-tooltip">
      <p className="earnings-tooltip__day">{dayLabel(row.day)}</p>
      <dl>
        {PAYMENT_SOURCES.map((source) => (
          <div key={source}>
            <dt>{SOURCE_LABELS[source]}</dt>
            <dd>{row.exact[source]}</dd>
          </div>
        ))}
        <div className="earnings-tooltip__net">
          <dt>Net</dt>
          <dd>{row.exact.net}</dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * Net earnings per day in one currency, stacked by source. The bars are for the eye; assistive technology gets
 * the same figures, exact, as a sentence and a table (the plot itself is hidden from it).
 */
export function EarningsChart({ series }: { series: Series }) {
  const captionId = useId();
  const rows = chartRows(series);
  const earningDays = rows.filter((row) => row.earned);
  return (
    <figure className="earnings-chart" aria-labelledby={captionId}>
      <figcaption id={captionId} className="earnings-chart__caption">
        {chartSummary(series)}
      </figcaption>
      <div className="earnings-chart__plot" aria-hidden="true">
        <BarChart
          responsive
          style={{ width: '100%', height: 240 }}
          data={rows}
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        >
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="day"
            tickFormatter={shortDay}
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
            stroke="var(--border)"
            minTickGap={16}
          />
          <YAxis
            tickFormatter={(value: number) => (series.currency === 'USD' ? `$${value}` : String(value))}
            tick={{ fill: 'var(--muted)', fontSize: 12 }}
            stroke="var(--border)"
            width="auto"
            allowDecimals
          />
          <Tooltip content={DayTooltip} cursor={{ fill: 'var(--surface-2)' }} isAnimationActive={false} />
          {PAYMENT_SOURCES.map((source) => (
            <Bar
              key={source}
              dataKey={source}
              name={SOURCE_LABELS[source]}
              stackId="net"
              fill={FILL[source]}
              maxBarSize={56}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </div>
      <ul className="earnings-legend" aria-hidden="true">
        {PAYMENT_SOURCES.map((source) => (
          <li key={source}>
            <span className="earnings-legend__swatch" style={{ background: FILL[source] }} />
            {SOURCE_LABELS[source]}
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>Net {series.currency} earnings on each day that had any</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {PAYMENT_SOURCES.map((source) => (
              <th key={source} scope="col">
                {SOURCE_LABELS[source]}
              </th>
            ))}
            <th scope="col">Net</th>
          </tr>
        </thead>
        <tbody>
          {earningDays.map((row) => (
            <tr key={row.day}>
              <th scope="row">{dayLabel(row.day)}</th>
              {PAYMENT_SOURCES.map((source) => (
                <td key={source}>{row.exact[source]}</td>
              ))}
              <td>{row.exact.net}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
