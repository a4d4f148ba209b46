/**
 * Delivers due deliveries to the Zaps' hook URLs (docs/RELAY_CONTRACT.md §4). One loop: claim min(batch, free
 * slots) due rows — skipping subscriptions that already hold their share of the slots — POST each without following
 * redirects, record the outcome, then sleep until woken (a new delivery in this process, a NOTIFY from another, a
 * freed slot) or until the next row is due.
 *
 * Slow or hanging Zaps never hold every slot (relay/README.md "Guarantees"): a subscription holds at most
 * `perTargetConcurrency` slots, only 1 while it is slow (a delivery of it ran out of time), and the last quarter of
 * the slots (`reserveOf`) goes only to subscriptions that hold none, one each. So hanging hook URLs hold at most
 * three quarters of the slots whatever they do, even before any of them timed out.
 */
import type { RelayConfig } from './config';
import { HookFailure, createHookClient, type HookAnswer, type HookClient } from './hookClient';
import type { Logger } from './log';
import type { Metrics } from './metrics';
import type { ClaimedDelivery, Completion, CompletionRecord, Store } from './store/store';

/** The poll backstop: NOTIFY and the in-process signal are only hints. */
const POLL_MS = 1000;
/**
 * How long a claim holds a row before another claimer may take it again (a process that died mid-delivery): twice
 * the delivery timeout plus 5 s, so a live claimer always records its outcome first (25 s with the defaults).
 */
export const leaseMs = (deliveryTimeoutMs: number): number => 2 * deliveryTimeoutMs + 5000;
/**
 * The slots kept for subscriptions that hold none: a quarter of `--concurrency`, at least 1 — none with a single
 * slot, which every subscription must be able to use.
 */
export const reserveOf = (concurrency: number): number =>
  concurrency <= 1 ? 0 : Math.max(1, Math.floor(concurrency / 4));
/**
 * A delivery that took this share of the timeout or more (in practice: timed out) makes its subscription slow. Not
 * less: a Zap answering in a second while the relay's machine is busy is not hanging, and cutting it to one slot
 * would stall its backlog (an import).
 */
const SLOW_SHARE = 0.9;
/** How long a subscription stays slow after its last slow delivery, unless one of it is answered quickly first. */
const SLOW_MEMORY_MS = 3_600_000;
/** Longest Retry-After the relay honours from a 429 (longer ones are clamped to it). */
const MAX_RETRY_AFTER_MS = 3_600_000;

export const jitter = (ms: number, random: () => number = Math.random): number =>
  Math.round(ms * (0.8 + 0.4 * random()));

/** Retry-After as seconds or an HTTP date, clamped to [0, 1 h]; undefined when absent or unreadable. */
export const retryAfterMs = (header: string | null, now: number): number | undefined => {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
};

type Config = Pick<
  RelayConfig,
  'concurrency' | 'perTargetConcurrency' | 'deliveryTimeoutMs' | 'retrySchedule'
>;

export class Dispatcher {
  private running = 0;
  private readonly perTarget = new Map<string, number>();
  /** Per subscription, when each of its deliveries in flight started. */
  private readonly starts = new Map<string, number[]>();
  /** Per slow subscription, until when it counts as slow. */
  private readonly slowUntil = new Map<string, number>();
  private readonly reserve: number;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private woken = false;
  /** The last claim filled every free slot: more may be due, so a freed slot should claim again at once. */
  private backlog = false;
  private sleeper: (() => void) | undefined;
  private loopDone: Promise<void> | undefined;
  private readonly outcomes: {
    record: CompletionRecord;
    resolve: () => void;
    reject: (error: Error) => void;
  }[] = [];
  private recording = false;
  private readonly hooks: HookClient;

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {
    this.hooks = createHookClient(config.concurrency);
    this.reserve = reserveOf(config.concurrency);
  }

  /** The slots a subscription may hold now: none more once the free slots are down to the reserve. */
  private limitOf(subscriptionId: string, now: number): number {
    if (this.config.concurrency - this.running <= this.reserve) return 1;
    const until = this.slowUntil.get(subscriptionId);
    if (until !== undefined && until <= now) this.slowUntil.delete(subscriptionId);
    const slowMs = this.config.deliveryTimeoutMs * SLOW_SHARE;
    // Slow too while a delivery of it is running out of time: hanging Zaps freed by another's timeout must not
    // take the freed slots before their own deliveries time out.
    const hanging = (this.starts.get(subscriptionId) ?? []).some((at) => now - at >= slowMs);
    return hanging || (until !== undefined && until > now) ? 1 : this.config.perTargetConcurrency;
  }

  /**
   * A delivery that ran out of time (SLOW_SHARE) makes its subscription slow; a quicker answer of the hook ends that
   * (not a quick failure, e.g. a connection refused: that says nothing of how long its answers take).
   */
  private judge(subscriptionId: string, tookMs: number, answered: boolean, now: number): void {
    if (tookMs >= this.config.deliveryTimeoutMs * SLOW_SHARE) {
      this.slowUntil.set(subscriptionId, now + SLOW_MEMORY_MS);
    } else if (answered) this.slowUntil.delete(subscriptionId);
  }

  start(): void {
    this.loopDone = this.loop();
  }

  wake = (): void => {
    this.woken = true;
    this.sleeper?.();
  };

  /** Stops claiming and waits for the deliveries in flight to finish (each is bounded by the timeout). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loopDone;
    await Promise.allSettled([...this.inFlight]);
    this.hooks.close();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      let full = false;
      try {
        full = await this.claimOnce();
      } catch (error) {
        this.log.error('claim failed', { error: (error as Error).message });
        await this.sleep(POLL_MS);
        continue;
      }
      if (full || this.woken || this.stopped) continue;
      let wait = POLL_MS;
      try {
        const due = await this.store.nextDueAt();
        if (due !== undefined) wait = Math.min(POLL_MS, Math.max(0, due - Date.now()));
      } catch {
        // the claim above reports a lasting store failure
      }
      if (wait > 0 && !this.woken) await this.sleep(wait);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.sleeper = () => {
        this.sleeper = undefined;
        done();
      };
    });
  }

  /** Claims what fits in the free slots; true when it filled them (there may be more to claim at once). */
  private async claimOnce(): Promise<boolean> {
    const free = this.config.concurrency - this.running;
    if (free <= 0) {
      this.backlog = true;
      return false;
    }
    const now = Date.now();
    const exclude = [...this.perTarget].filter(([id, n]) => n >= this.limitOf(id, now)).map(([id]) => id);
    const { claimId, deliveries } = await this.store.claim({
      limit: free,
      now,
      leaseMs: leaseMs(this.config.deliveryTimeoutMs),
      perTarget: free <= this.reserve ? 1 : this.config.perTargetConcurrency,
      exclude,
    });
    for (const delivery of deliveries) {
      // Each row against the slots the rows before it took (a slow subscription's limit, the reserve).
      const busy = this.perTarget.get(delivery.subscriptionId) ?? 0;
      if (busy >= this.limitOf(delivery.subscriptionId, now)) {
        await this.store.release(delivery.id, claimId);
        continue;
      }
      this.perTarget.set(delivery.subscriptionId, busy + 1);
      const startedAt = Date.now();
      this.starts.set(delivery.subscriptionId, [
        ...(this.starts.get(delivery.subscriptionId) ?? []),
        startedAt,
      ]);
      this.running += 1;
      const task = this.deliver(delivery, claimId, startedAt).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
    this.backlog = deliveries.length >= free;
    return this.backlog;
  }

  private freeSlot(subscriptionId: string, startedAt: number): void {
    const starts = [...(this.starts.get(subscriptionId) ?? [])];
    const index = starts.indexOf(startedAt);
    if (index >= 0) starts.splice(index, 1);
    if (starts.length > 0) this.starts.set(subscriptionId, starts);
    else this.starts.delete(subscriptionId);
    this.running -= 1;
    const left = (this.perTarget.get(subscriptionId) ?? 1) - 1;
    if (left > 0) this.perTarget.set(subscriptionId, left);
    else this.perTarget.delete(subscriptionId);
    if (this.backlog) this.wake();
  }

  /**
   * POSTs, then records the outcome. The slot is free once the hook answered: the row stays leased to this claim
   * until its outcome is recorded, so nobody takes it meanwhile. A 410 keeps its slot until the subscription is
   * ended, so no other delivery of it starts in between.
   */
  private async deliver(delivery: ClaimedDelivery, claimId: string, startedAt: number): Promise<void> {
    let completion: Completion;
    try {
      completion = await this.post(delivery);
    } catch (error) {
      this.freeSlot(delivery.subscriptionId, startedAt);
      throw error;
    }
    const now = Date.now();
    this.judge(delivery.subscriptionId, now - startedAt, completion.status !== null, now);
    if (completion.kind !== 'gone') this.freeSlot(delivery.subscriptionId, startedAt);
    try {
      await this.record({ id: delivery.id, claimId, completion, now });
    } catch (error) {
      // The lease runs out and the row is delivered again later, with the same id (at least once).
      this.log.error('recording a delivery failed', {
        deliveryId: delivery.id,
        error: (error as Error).message,
      });
      return;
    } finally {
      if (completion.kind === 'gone') this.freeSlot(delivery.subscriptionId, startedAt);
    }
    const fields = {
      deliveryId: delivery.id,
      subscriptionId: delivery.subscriptionId,
      attempt: delivery.attempts,
      outcome: completion.kind,
      status: 'status' in completion ? completion.status : null,
    };
    switch (completion.kind) {
      case 'done':
        this.metrics.delivered += 1;
        this.metrics.delivery.observe((now - delivery.createdAt) / 1000);
        break;
      case 'retry':
        this.metrics.retried += 1;
        this.log.info('delivery retried', {
          ...fields,
          error: completion.error,
          nextAttemptAt: new Date(completion.at).toISOString(),
        });
        return;
      case 'dead':
        this.metrics.dead += 1;
        this.log.warn('delivery dead-lettered', { ...fields, error: completion.error });
        return;
      case 'gone':
        this.metrics.gone += 1;
        this.log.info('subscription gone (410): ended, pending deliveries cancelled', fields);
        return;
    }
  }

  /**
   * Outcomes are recorded in batches: what finishes while one batch is being written goes into the next, one
   * transaction each (store.ts `completeMany`).
   */
  private record(record: CompletionRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.outcomes.push({ record, resolve, reject });
      if (!this.recording) {
        this.recording = true;
        setImmediate(() => void this.drainOutcomes());
      }
    });
  }

  private async drainOutcomes(): Promise<void> {
    while (this.outcomes.length > 0) {
      const batch = this.outcomes.splice(0);
      try {
        await this.store.completeMany(batch.map((entry) => entry.record));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error as Error);
      }
    }
    this.recording = false;
  }

  private failure(delivery: ClaimedDelivery, status: number | null, error: string): Completion {
    const used = delivery.attempts - 1;
    const schedule = this.config.retrySchedule;
    if (used >= schedule.length) return { kind: 'dead', status, error };
    return { kind: 'retry', at: Date.now() + jitter(schedule[used]), status, error, counted: true };
  }

  private async post(delivery: ClaimedDelivery): Promise<Completion> {
    let response: HookAnswer;
    try {
      response = await this.hooks.post(
        delivery.targetUrl,
        {
          'content-type': 'application/json',
          'user-agent': 'highlevel-zapier-relay/1',
          'x-relay-delivery-id': delivery.id,
          'x-relay-attempt': String(delivery.attempts),
        },
        delivery.body,
        this.config.deliveryTimeoutMs,
      );
    } catch (error) {
      const reason = error instanceof HookFailure ? error.reason : (error as Error).name;
      const message =
        reason === 'timeout'
          ? `timed out after ${this.config.deliveryTimeoutMs} ms`
          : `network error: ${reason.slice(0, 60)}`;
      return this.failure(delivery, null, message);
    }
    const status = response.status;
    if (status >= 200 && status < 300) return { kind: 'done', status };
    if (status === 410) return { kind: 'gone', status };
    if (status === 429) {
      const now = Date.now();
      const wait = retryAfterMs(response.retryAfter, now);
      const fallback =
        this.config.retrySchedule[Math.min(delivery.attempts - 1, this.config.retrySchedule.length - 1)] ??
        5000;
      return {
        kind: 'retry',
        at: now + (wait ?? jitter(fallback)),
        status,
        error: 'HTTP 429',
        counted: false,
      };
    }
    return this.failure(
      delivery,
      status,
      status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`,
    );
  }
}
