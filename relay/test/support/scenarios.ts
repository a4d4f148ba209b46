/**
 * The scenarios the durability tests and the bench share (`scripts/bench/instant.ts` runs them bigger):
 * - `burst`: N signed webhooks sent by a pool of senders to whichever relay processes are up, re-sending any that got
 *   no 2xx (as HighLevel retries), while `chaos` kills (SIGKILL) and restarts processes at random moments;
 * - `paced`: webhooks sent open-loop at a fixed rate, timing each answer;
 * - `checkDeliveries`: what the hook receiver saw, against what the relay acknowledged.
 */
import type { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createAgent, send, sleep, waitFor } from './http';
import type { Hit, HookReceiver } from './hookReceiver';
import type { RelayProcess } from './relayProcess';
import type { HighLevelSigner } from './signing';
import type { WebhookBody } from './events';
import { WEBHOOK_PATH } from './client';

export type Signed = { webhookId: string; raw: Buffer; headers: Record<string, string> };

export const presign = (events: WebhookBody[], signer: HighLevelSigner): Signed[] =>
  events.map((event) => {
    const raw = Buffer.from(JSON.stringify(event));
    return { webhookId: event.webhookId, raw, headers: signer.headers(raw) };
  });

/** The relay processes a burst may send to right now (a killed one is left out until it is back). */
export type Fleet = { live(): RelayProcess[] };

export type KillRecord = {
  pid: number;
  /** performance.now() when SIGKILL was sent. */
  at: number;
  /** Events acknowledged so far. */
  ackedBefore: number;
  /** Deliveries the receiver had received and not yet answered. */
  openAtKill: number;
  /** Deliveries answered in the second before the kill (their "done" may not be committed yet). */
  answeredInLastSecond: number;
  /** The relay's own count of deliveries in flight (`GET /health` → queue.inflight) just before the kill. */
  inflightAtKill: number | undefined;
  /** How long the restart took (ms), when restarted. */
  restartMs?: number;
};

export type BurstResult = {
  acked: Set<string>;
  /** Answers that were not 2xx, by status (0 = network error: the process was down or killed). */
  failures: Map<number, number>;
  sends: number;
  /** performance.now() of the first send and of the last acknowledgement. */
  startedAt: number;
  endedAt: number;
  ingestMs: number[];
};

/**
 * Sends every event until each got a 2xx (bounded by `timeoutMs`), `senders` at a time, round-robin over the live
 * processes. An event whose send failed goes to the back of the queue and is sent again with the same bytes.
 */
export async function burst(options: {
  events: Signed[];
  fleet: Fleet;
  senders: number;
  timeoutMs: number;
  agent?: Agent;
  /** Filled as answers arrive (pass one in to watch progress). */
  acked?: Set<string>;
}): Promise<BurstResult> {
  const queue = [...options.events];
  const acked = options.acked ?? new Set<string>();
  const failures = new Map<number, number>();
  const ingestMs: number[] = [];
  const agent = options.agent ?? createAgent(options.senders);
  const deadline = Date.now() + options.timeoutMs;
  let sends = 0;
  let turn = 0;
  const startedAt = performance.now();
  let endedAt = startedAt;
  const sender = async (): Promise<void> => {
    while (acked.size < options.events.length && Date.now() < deadline) {
      const next = queue.shift();
      if (!next) {
        await sleep(5);
        continue;
      }
      const live = options.fleet.live();
      if (live.length === 0) {
        queue.unshift(next);
        await sleep(10);
        continue;
      }
      const relay = live[turn++ % live.length];
      sends += 1;
      let status = 0;
      try {
        const response = await send(`${relay.url}${WEBHOOK_PATH}`, {
          method: 'POST',
          body: next.raw,
          headers: next.headers,
          agent,
          timeoutMs: 15_000,
        });
        status = response.status;
        if (status >= 200 && status < 300) {
          acked.add(next.webhookId);
          ingestMs.push(response.ms);
          endedAt = performance.now();
          continue;
        }
      } catch {
        status = 0;
      }
      failures.set(status, (failures.get(status) ?? 0) + 1);
      queue.push(next);
      if (status === 0) await sleep(5);
    }
  };
  await Promise.all(Array.from({ length: options.senders }, sender));
  if (!options.agent) agent.destroy();
  return { acked, failures, sends, startedAt, endedAt, ingestMs };
}

/**
 * Kills processes with SIGKILL at random moments of a burst and restarts each on the same database. The moments are
 * random points of its progress (after a random share of the events was acknowledged, plus a random pause of up to
 * `jitterMs`), so every kill lands inside the burst however fast the machine is. `slots` holds the fleet's
 * processes; a killed slot is empty until its replacement printed RELAY_URL.
 */
export function chaos(options: {
  slots: Array<RelayProcess | undefined>;
  receiver: HookReceiver;
  kills: number;
  total: number;
  acked: () => number;
  running: () => boolean;
  jitterMs?: number;
  restart?: boolean;
}): { done: Promise<KillRecord[]> } {
  const records: KillRecord[] = [];
  // Kill k happens after a random share of the events in the k-th of `kills` equal stretches of (5 %, 90 %).
  const thresholds = Array.from({ length: options.kills }, (_, k) => {
    const width = 0.85 / options.kills;
    return Math.floor((0.05 + width * k + Math.random() * width) * options.total);
  });
  const run = async (): Promise<KillRecord[]> => {
    for (const threshold of thresholds) {
      await waitFor(() => !options.running() || options.acked() >= threshold, 10 * 60_000, 2);
      // The burst stopped early (timed out): no more kills. Otherwise kill even if it ended during the pause.
      if (options.acked() < threshold) break;
      await sleep(Math.random() * (options.jitterMs ?? 50));
      const index = Math.floor(Math.random() * options.slots.length);
      const victim = options.slots[index];
      if (!victim) continue;
      const inflightAtKill = await inflight(victim.url);
      const at = performance.now();
      const record: KillRecord = {
        pid: victim.pid,
        inflightAtKill,
        at,
        ackedBefore: options.acked(),
        openAtKill: options.receiver.openCount(),
        answeredInLastSecond: options.receiver.hits.filter(
          (hit) => hit.answeredAt !== undefined && at - hit.answeredAt <= 1_000,
        ).length,
      };
      options.slots[index] = undefined;
      await victim.kill('SIGKILL');
      records.push(record);
      if (options.restart !== false) {
        const started = performance.now();
        options.slots[index] = await victim.restart();
        record.restartMs = performance.now() - started;
      }
    }
    return records;
  };
  return { done: run() };
}

/** `GET /health` → queue.inflight (deliveries claimed and not yet completed), or undefined. */
export async function inflight(relayUrl: string): Promise<number | undefined> {
  try {
    const response = await send(`${relayUrl}/health`, { timeoutMs: 2_000 });
    const body = JSON.parse(response.text) as { queue?: { inflight?: unknown } };
    return typeof body.queue?.inflight === 'number' ? body.queue.inflight : undefined;
  } catch {
    return undefined;
  }
}

export const fleetOf = (slots: Array<RelayProcess | undefined>): Fleet => ({
  live: () => slots.filter((slot): slot is RelayProcess => slot !== undefined),
});

export type DeliveryCheck = {
  acked: number;
  /** Acknowledged events never delivered (must be 0). */
  lost: string[];
  /** Requests the receiver got (all attempts). */
  hits: number;
  distinctDeliveries: number;
  /** hits − distinct delivery ids answered 2xx: deliveries that arrived more than once. */
  duplicates: number;
  /** Events delivered under more than one delivery id to one target (must be 0: a duplicate keeps its id). */
  eventsWithSeveralIds: number;
  /** Deliveries without an X-Relay-Delivery-Id header or whose header differs from the body's id (must be 0). */
  badIds: number;
};

/** Waits (bounded) until every acknowledged event reached every target, then compares. */
export async function checkDeliveries(options: {
  receiver: HookReceiver;
  acked: Set<string>;
  targets: string[];
  timeoutMs: number;
}): Promise<DeliveryCheck> {
  const delivered = (): Map<string, Set<string>> => {
    const byTarget = new Map<string, Set<string>>();
    for (const hit of options.receiver.hits) {
      if (!hit.body || hit.status === undefined || hit.status < 200 || hit.status >= 300) continue;
      const set = byTarget.get(hit.target) ?? new Set<string>();
      set.add(hit.body.eventId);
      byTarget.set(hit.target, set);
    }
    return byTarget;
  };
  const missing = (): string[] => {
    const byTarget = delivered();
    const lost: string[] = [];
    for (const id of options.acked) {
      if (options.targets.some((target) => !byTarget.get(target)?.has(id))) lost.push(id);
    }
    return lost;
  };
  await waitFor(() => missing().length === 0, options.timeoutMs, 100);
  // Let in-flight retries of already-delivered ids land, so duplicates are counted too.
  await waitFor(() => options.receiver.openCount() === 0, 5_000, 50);
  const hits = options.receiver.hits.filter((hit) => options.targets.includes(hit.target));
  const okHits = hits.filter((hit) => hit.status !== undefined && hit.status >= 200 && hit.status < 300);
  const ids = new Set(okHits.map((hit) => `${hit.target} ${hit.deliveryId}`));
  const idsPerEvent = new Map<string, Set<string>>();
  for (const hit of okHits) {
    const key = `${hit.target} ${hit.body?.eventId}`;
    const set = idsPerEvent.get(key) ?? new Set<string>();
    set.add(hit.deliveryId ?? '');
    idsPerEvent.set(key, set);
  }
  return {
    acked: options.acked.size,
    lost: missing(),
    hits: hits.length,
    distinctDeliveries: ids.size,
    duplicates: okHits.length - ids.size,
    eventsWithSeveralIds: [...idsPerEvent.values()].filter((set) => set.size > 1).length,
    badIds: hits.filter((hit) => !hit.deliveryId || hit.deliveryId !== hit.body?.id).length,
  };
}

export type CrossProcessCheck = {
  /** Delivery ids that reached the receiver from both processes. */
  fromBoth: number;
  /** …of which the survivor sent while the killed process was still alive (must be 0). */
  concurrent: number;
  /** Hits whose sending process could not be identified. */
  unidentified: number;
  /** Deliveries per process pid. */
  perPid: Record<string, number>;
};

/**
 * Two processes on one database: a delivery id sent by both is a redelivery after the kill (allowed: at least once)
 * unless the survivor sent it before the victim died, which would mean both held it at once.
 */
export function crossProcess(hits: Hit[], killedPid: number, killedAt: number): CrossProcessCheck {
  const byId = new Map<string, Hit[]>();
  const perPid: Record<string, number> = {};
  let unidentified = 0;
  for (const hit of hits) {
    const who = hit.pid === undefined ? (hit.instance ?? undefined) : String(hit.pid);
    if (who === undefined) unidentified += 1;
    else perPid[who] = (perPid[who] ?? 0) + 1;
    const list = byId.get(hit.deliveryId ?? '') ?? [];
    list.push(hit);
    byId.set(hit.deliveryId ?? '', list);
  }
  let fromBoth = 0;
  let concurrent = 0;
  for (const list of byId.values()) {
    const pids = new Set(list.map((hit) => hit.pid));
    if (pids.size < 2) continue;
    fromBoth += 1;
    const survivorEarly = list.some((hit) => hit.pid !== killedPid && hit.receivedAt < killedAt);
    if (survivorEarly && list.some((hit) => hit.pid === killedPid)) concurrent += 1;
  }
  return { fromBoth, concurrent, unidentified, perPid };
}

export type PacedResult = {
  sent: number;
  ok: number;
  failed: number;
  ingestMs: number[];
  sentAt: Map<string, number>;
  seconds: number;
};

/** Sends `events` open-loop at `rate` per second (not waiting for answers), timing each answer. */
export async function paced(options: {
  events: Signed[];
  rate: number;
  relayUrl: string;
  agent?: Agent;
}): Promise<PacedResult> {
  const agent = options.agent ?? createAgent(512);
  const sentAt = new Map<string, number>();
  const ingestMs: number[] = [];
  let ok = 0;
  let failed = 0;
  const pending: Array<Promise<void>> = [];
  const started = performance.now();
  let index = 0;
  while (index < options.events.length) {
    const due = Math.min(
      options.events.length,
      Math.floor(((performance.now() - started) / 1000) * options.rate) + 1,
    );
    for (; index < due; index += 1) {
      const event = options.events[index];
      sentAt.set(event.webhookId, performance.now());
      pending.push(
        send(`${options.relayUrl}${WEBHOOK_PATH}`, {
          method: 'POST',
          body: event.raw,
          headers: event.headers,
          agent,
        }).then(
          (response) => {
            if (response.status >= 200 && response.status < 300) {
              ok += 1;
              ingestMs.push(response.ms);
            } else failed += 1;
          },
          () => {
            failed += 1;
          },
        ),
      );
    }
    await sleep(1);
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  if (!options.agent) agent.destroy();
  return { sent: options.events.length, ok, failed, ingestMs, sentAt, seconds };
}
