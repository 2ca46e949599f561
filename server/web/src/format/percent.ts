/** Basis points (hundredths of a percent) as a percentage: 1500 → `15%`, 1250 → `12.5%`, 1 → `0.01%`. */
export function percentOfBasisPoints(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const hundredths = bps % 100;
  if (hundredths === 0) return `${whole}%`;
  return `${whole}.${String(hundredths).padStart(2, '0').replace(/0$/, '')}%`;
}
