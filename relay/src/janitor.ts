/**
 * Bounded retention (relay/README.md "What it stores"): events, deliveries and dead letters older than
 * `--retention-days` are deleted; delivered and cancelled rows after an hour; expired app signatures; ended
 * subscriptions after the retention period.
 */
import type { Logger } from './log';
import type { Store } from './store/store';

export const DONE_KEEP_MS = 3_600_000;
const EVERY_MS = 10 * 60_000;

export const startJanitor = (store: Store, retentionDays: number, log: Logger): (() => void) => {
  const run = () =>
    store
      .prune(Date.now(), retentionDays * 86_400_000, DONE_KEEP_MS)
      .catch((error: Error) => log.error('pruning failed', { error: error.message.slice(0, 200) }));
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
};
