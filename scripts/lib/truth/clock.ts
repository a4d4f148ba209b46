/**
 * The simulated clock of the trigger truth simulator, shared by the sandbox (`startSandbox({clock})`), Zapier's
 * state emulator (`ZapierStateServer.start({now})`) and the app, which runs in this process: `install()` makes
 * `Date.now()` answer simulated time (real time plus an offset that `advance` moves), so hours pass in seconds.
 * Time budgets in the app use `performance.now()`, which stays real.
 */
export class SimClock {
  private offset = 0;
  private readonly realNow: () => number;
  private installed = false;

  constructor(start?: number) {
    this.realNow = Date.now.bind(Date);
    if (start !== undefined) this.offset = start - this.realNow();
  }

  /** Simulated epoch ms. */
  readonly now = (): number => this.realNow() + this.offset;

  /** Moves simulated time forward by `ms` (never backwards). */
  advance(ms: number): void {
    if (ms > 0) this.offset += ms;
  }

  /** Moves simulated time forward to `at` (no-op when `at` is in the past). */
  advanceTo(at: number): void {
    this.advance(at - this.now());
  }

  /** `Date.now` answers simulated time until `uninstall()`. */
  install(): void {
    if (this.installed) return;
    this.installed = true;
    Date.now = this.now;
  }

  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    Date.now = this.realNow;
  }
}
