/**
 * Bounded retention (relay/README.md "What it stores"): events, deliveries and dead letters older than
 * `--retention-days` are deleted; delivered and cancelled rows after an hour; expired app signatures; ended
 * subscriptions after the retention period; a contact's state once no event touched it for `--contact-state-days`,
 * and every contact state of a sub-account a day after its last subscription ended.
 */
import type { RelayConfig } from './config';
import type { Logger } from './log';
import type { PrunePolicy, Store } from './store/store';

export const DONE_KEEP_MS = 3_600_000;
/** How long a sub-account without subscriptions keeps its contact states (a Zap turned off and on again). */
export const UNSUBSCRIBED_KEEP_MS = 86_400_000;
const EVERY_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

export const prunePolicy = (
  config: Pick<RelayConfig, 'retentionDays' | 'contactStateDays'>,
): PrunePolicy => ({
  retentionMs: config.retentionDays * DAY_MS,
  doneKeepMs: DONE_KEEP_MS,
  contactStateMs: config.contactStateDays * DAY_MS,
  unsubscribedMs: UNSUBSCRIBED_KEEP_MS,
});

export const startJanitor = (
  store: Store,
  config: Pick<RelayConfig, 'retentionDays' | 'contactStateDays'>,
  log: Logger,
): (() => void) => {
  const policy = prunePolicy(config);
  const run = () =>
    store
      .prune(Date.now(), policy)
      .catch((error: Error) => log.error('pruning failed', { error: error.message.slice(0, 200) }));
  void run();
  const timer = setInterval(() => void run(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
};
