import { describe, expect, it } from 'vitest';
import type { EarningsSummary } from '@shared/domain/money/earnings';
import { chartRows, chartSummary, plotValue } from './earnings-chart-data';
import { money } from './earnings-format';

const day = (date: string, tip: string, ppv = '0', subscription = '0', ticket = '0') => ({
  day: date,
  net: (BigInt(tip) + BigInt(ppv) + BigInt(subscription) + BigInt(ticket)).toString(),
  bySource: { subscription, ppv, ticket, tip },
});
const series: EarningsSummary['daily'][number] = {
  currency: 'USD',
  days: [day('2026-12-01', '500', '1350'), day('2026-12-02', '0'), day('2026-12-03', '500', '0', '0', '675')],
};

describe('the per-day chart’s figures', () => {
  it('plots major units as Numbers only for the bars, and says every amount exactly', () => {
    expect(plotValue('USD', '555')).toBe(5.55);
    expect(plotValue('USDC', '12500000')).toBe(12.5);
    expect(plotValue('MESI', '1' + '0'.repeat(18))).toBe(1);
    const [first, gap] = chartRows(series);
    expect(first).toEqual({
      day: '2026-12-01',
      subscription: 0,
      ppv: 13.5,
      ticket: 0,
      tip: 5,
      earned: true,
      exact: { subscription: '$0.00', ppv: '$13.50', ticket: '$0.00', tip: '$5.00', net: '$18.50' },
    });
    expect(chartRows(series)[2]).toMatchObject({ ticket: 6.75, exact: { ticket: '$6.75', net: '$11.75' } });
    expect(gap?.earned).toBe(false);
    // Beyond a float's 15 digits, the words stay exact.
    const huge = chartRows({ currency: 'MESI', days: [day('2026-12-01', '123456789012345678901234567')] });
    expect(huge[0]?.exact.tip).toBe('123456789.012345678901234567 MESI');
  });

  it('sums the chart up in one sentence for those who cannot see it', () => {
    expect(chartSummary(series)).toBe(
      `Net USD earnings per day from ${dayText('2026-12-01')} to ${dayText('2026-12-03')}: $30.25 in all ` +
        `(pay-per-view, tickets, tips); the best day, ${dayText('2026-12-01')}, brought $18.50.`,
    );
    expect(chartSummary({ currency: 'USD', days: [] })).toBe('No USD earnings on these days.');
  });

  it('writes money with its currency, exactly', () => {
    expect(money('USD', '5')).toBe('$0.05');
    expect(money('USDC', '2500000')).toBe('2.5 USDC');
  });
});

function dayText(date: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.parse(`${date}T00:00:00.000Z`),
  );
}
