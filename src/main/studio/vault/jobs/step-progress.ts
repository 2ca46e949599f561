/**
 * One progress bar over the steps of a job (the web rendition, then a preview, frames…), each weighted by
 * roughly how long it takes. The bar only moves forward; time left is the running step's own estimate (ffmpeg's
 * pace) plus the steps after it at the pace seen so far.
 */
export class StepProgress<Step extends string> {
  private readonly total: number;
  private readonly startedAt: number;
  /** Weight of the steps finished. */
  private doneWeight = 0;
  private current: { step: Step; fraction: number; etaMs: number | null } | null = null;
  private shown = 0;

  constructor(
    private readonly weights: Readonly<Record<Step, number>>,
    private readonly report: (fraction: number, etaMs: number | null) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.total = Object.values<number>(weights).reduce((sum, weight) => sum + weight, 0);
    this.startedAt = now();
  }

  /** The step is running: `fraction` of it is done, `etaMs` left of it if its tool can tell. */
  update(step: Step, fraction: number, etaMs: number | null = null): void {
    this.current = { step, fraction: Math.min(1, Math.max(0, fraction)), etaMs };
    this.emit();
  }

  /** The step is finished. */
  finish(step: Step): void {
    this.doneWeight += this.weights[step];
    this.current = null;
    this.emit();
  }

  private emit(): void {
    const currentWeight = this.current ? this.weights[this.current.step] : 0;
    const doneWeight = this.doneWeight + currentWeight * (this.current?.fraction ?? 0);
    const fraction = Math.max(this.shown, Math.min(1, doneWeight / this.total));
    this.shown = fraction;
    this.report(fraction, this.etaMs(doneWeight, currentWeight));
  }

  private etaMs(doneWeight: number, currentWeight: number): number | null {
    const elapsed = this.now() - this.startedAt;
    // Too little done to tell the pace: say nothing rather than a wild guess.
    if (doneWeight < this.total * 0.01 || elapsed <= 0) return this.current?.etaMs ?? null;
    const msPerWeight = elapsed / doneWeight;
    const laterWeight = this.total - this.doneWeight - currentWeight;
    const currentLeft =
      this.current?.etaMs ?? (this.current ? currentWeight * (1 - this.current.fraction) * msPerWeight : 0);
    return Math.round(currentLeft + laterWeight * msPerWeight);
  }
}
