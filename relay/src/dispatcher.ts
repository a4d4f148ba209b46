/**
 * Delivers due deliveries to the Zaps' hook URLs (docs/RELAY_CONTRACT.md §4). One loop: claim due rows for the free
 * slots, POST each without following redirects, record the outcome, then sleep until woken (a new delivery in this
 * process, a NOTIFY from another, a freed slot) or until the next row is due.
 *
 * Slow or hanging Zaps never hold every slot (relay/README.md "Guarantees"): a subscription holds at most
 * `perTargetConcurrency` slots, only 1 while it is slow (a delivery of it took half the timeout or more, or one in
 * flight has run that long), and the last quarter of the slots (`reserveOf`) goes only to subscriptions that hold
 * none and are not slow, one each. So hanging hook URLs hold at most three quarters of the slots whatever they
 * do, and before any of them is known to be slow a handful of them still leave the reserve to the others.
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
 * The slots kept for subscriptions that hold none and are not slow: a quarter of `--concurrency`, at least 1 — none
 * with a single slot, which a slow subscription must be able to use too.
 */
export const reserveOf = (concurrency: number): number =>
  concurrency <= 1 ? 0 : Math.max(1, Math.floor(concurrency / 4));
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
  /** Per subscription, when each of its deliveries in flight started (its length: the slots it holds). */
  private readonly started = new Map<string, number[]>();
  /** Per slow subscription, until when it counts as slow. */
  private readonly slowUntil = new Map<string, number>();
  private readonly reserve: number;
  private readonly slowAfterMs: number;
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
    this.slowAfterMs = config.deliveryTimeoutMs / 2;
  }

  private held(subscriptionId: string): number {
    return this.started.get(subscriptionId)?.length ?? 0;
  }

  private isSlow(subscriptionId: string, now: number): boolean {
    const until = this.slowUntil.get(subscriptionId);
    if (until !== undefined) {
      if (until > now) return true;
      this.slowUntil.delete(subscriptionId);
    }
    return (this.started.get(subscriptionId) ?? []).some((at) => now - at >= this.slowAfterMs);
  }

  /** How many more slots the subscription may take now (0: none). */
  private room(subscriptionId: string, now: number): number {
    const free = this.config.concurrency - this.running;
    if (free <= 0) return 0;
    const held = this.held(subscriptionId);
    const slow = this.isSlow(subscriptionId, now);
    if (free <= this.reserve) return held === 0 && !slow ? 1 : 0;
    return Math.max(0, Math.min((slow ? 1 : this.config.perTargetConcurrency) - held, free - this.reserve));
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
      let claimed = { full: false, taken: 0 };
      try {
        claimed = await this.claimOnce();
      } catch (error) {
        this.log.error('claim failed', { error: (error as Error).message });
        await this.sleep(POLL_MS);
        continue;
      }
      if (claimed.full || this.woken || this.stopped) continue;
      let wait = POLL_MS;
      try {
        const due = await this.store.nextDueAt();
        if (due !== undefined) wait = Math.min(POLL_MS, Math.max(0, due - Date.now()));
      } catch {
        // the claim above reports a lasting store failure
      }
      // Rows are due but none could be taken: they belong to subscriptions at their limit. Claiming again at once
      // would only spin; a freed slot wakes the loop (`backlog`, set by the claim), and the poll is the backstop.
      if (wait === 0 && claimed.taken === 0) wait = POLL_MS;
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

  /**
   * Claims what the free slots may take (see the top of this file); `full` when it filled them (there may be more
   * to claim at once), `taken` how many it started.
   */
  private async claimOnce(): Promise<{ full: boolean; taken: number }> {
    const free = this.config.concurrency - this.running;
    if (free <= 0) {
      this.backlog = true;
      return { full: false, taken: 0 };
    }
    const now = Date.now();
    const exclude: string[] = [];
    const caps: Record<string, number> = {};
    // In the reserve one slot per subscription, so the claim asks for one row each.
    const perTarget = free <= this.reserve ? 1 : this.config.perTargetConcurrency;
    for (const id of new Set([...this.started.keys(), ...this.slowUntil.keys()])) {
      const room = this.room(id, now);
      if (room === 0) exclude.push(id);
      else if (room < perTarget) caps[id] = room;
    }
    const { claimId, deliveries } = await this.store.claim({
      limit: free,
      now,
      leaseMs: leaseMs(this.config.deliveryTimeoutMs),
      perTarget,
      exclude,
      caps,
    });
    let taken = 0;
    let heldBack = false;
    for (const delivery of deliveries) {
      // The claim's rows in order, each against the slots the ones before it took.
      const startedAt = Date.now();
      if (this.room(delivery.subscriptionId, startedAt) === 0) {
        heldBack = true;
        await this.store.release(delivery.id, claimId);
        continue;
      }
      const started = this.started.get(delivery.subscriptionId) ?? [];
      started.push(startedAt);
      this.started.set(delivery.subscriptionId, started);
      this.running += 1;
      taken += 1;
      const task = this.deliver(delivery, claimId, startedAt).finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
    // Something was left behind (slots all taken, or subscriptions held back): a freed slot should claim again.
    this.backlog = taken >= free || heldBack || exclude.length > 0 || Object.keys(caps).length > 0;
    return { full: taken >= free, taken };
  }

  private freeSlot(subscriptionId: string, startedAt: number): void {
    this.running -= 1;
    const started = this.started.get(subscriptionId) ?? [];
    const index = started.indexOf(startedAt);
    if (index >= 0) started.splice(index, 1);
    if (started.length === 0) this.started.delete(subscriptionId);
    if (this.backlog) this.wake();
  }

  /** A delivery that took half the timeout or more makes its subscription slow; a quicker answer ends that. */
  private judge(subscriptionId: string, startedAt: number, now: number): void {
    if (now - startedAt >= this.slowAfterMs) this.slowUntil.set(subscriptionId, now + SLOW_MEMORY_MS);
    else this.slowUntil.delete(subscriptionId);
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
    this.judge(delivery.subscriptionId, startedAt, now);
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
