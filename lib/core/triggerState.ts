/**
 * Per-connection state of the event triggers (Contact Tag Added, Updated Contact with Watch Fields, and any
 * trigger whose events HighLevel keeps no history of), on `z.cache` with scope `['auth']` (docs/TRIGGERS.md §1–§3).
 *
 * The model is "baseline + recent event log":
 * - the baseline remembers, per contact (or task, …), a short value of what the trigger last saw (tagged or not,
 *   a hash of the watched fields); a poll reads what changed since the last check and compares it;
 * - every difference becomes an event with a stable id, appended to a log shared by every Zap with the same
 *   trigger and inputs on the connection; the log keeps events for EVENT_TTL_MS, far above the longest gap
 *   between two polls of one Zap;
 * - every poll (the dedupe-populating one too) returns every event of the log, newest first, so Zapier's per-Zap
 *   dedupe fires each event once in each Zap: one Zap's poll never consumes another Zap's event.
 *
 * Read-modify-write happens under a lock (`nx` set-if-absent, docs/TRIGGERS.md §1); a poll that cannot get the
 * lock in time returns the log as it is and leaves the detection to the next poll (nothing is lost, the baseline
 * did not move). The state is bounded (SHARD_COUNT × MAX_SHARD_ENTRIES baseline entries, MAX_CHUNK_EVENTS per
 * log chunk, EVENT_TTL_MS); what happens at each bound is in docs/TRIGGERS.md §3.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { fitAnswer, jsonChars, MAX_ANSWER_CHARS } from './answerSize';
import { connectionStore, type ConnectionStore } from './connectionStore';

// The store (lib/core/connectionStore.ts), re-exported for the triggers that keep state.
export { clearLocalTriggerState, connectionStore, type ConnectionStore } from './connectionStore';

// ---------------------------------------------------------------------------------------------------------
// Bounds (docs/TRIGGERS.md §3)

/** Events stay in the log this long: far above the longest poll gap (15 min + 30 min late + one failed poll). */
export const EVENT_TTL_MS = 4 * 60 * 60_000;
/** The baseline lives this long without any poll of any Zap using it; every poll extends it. */
export const BASELINE_TTL_SECONDS = 7 * 24 * 60 * 60;
/** A baseline not checked for this long is rebuilt rather than caught up (the Zaps using it were all off). */
export const MAX_CATCH_UP_MS = 24 * 60 * 60_000;
/** Re-read changes from this long before the last check: HighLevel's search lags writes by seconds. */
export const OVERLAP_MS = 2 * 60_000;
/** Baseline entries are spread over this many z.cache keys by a hash of the record id. */
export const SHARD_COUNT = 16;
/** Entries per shard; beyond it the least recently seen entries are forgotten (those records become "unseen"). */
export const MAX_SHARD_ENTRIES = 4_000;
/** Events per log chunk (one z.cache key each, roughly 1 KB per event). */
export const MAX_CHUNK_EVENTS = 100;
/**
 * Log chunks kept; beyond it the oldest chunk is dropped early (needs > 3,000 events inside EVENT_TTL_MS). Every
 * poll returns the log's newest events, at most MAX_LOG_EVENTS and MAX_LOG_CHARS: under the 6 MB a step's response
 * may carry (core's RESPONSE_SIZE_LIMIT, src/constants.js).
 */
export const MAX_CHUNKS = 30;
/**
 * Bursts (an import, a bulk update; docs/TRIGGERS.md §10): at most this many events are logged within any
 * LOG_WINDOW_MS, and a poll returns at most this many (the newest), so every event stays in every poll's answer
 * for at least LOG_WINDOW_MS while each answer stays under the response limit. The rest of a burst is detected by
 * the next polls (for triggers that say when each record changed, `timeOf`).
 */
export const MAX_LOG_EVENTS = 3_000;
/**
 * The same bound in characters of the events as JSON text (core measures a step's results that way): contacts with
 * many long custom fields are several KB each, and 3,000 of them would pass the limit. Older chunks without a
 * recorded size count LEGACY_EVENT_CHARS per event.
 */
export const MAX_LOG_CHARS = MAX_ANSWER_CHARS;
const LEGACY_EVENT_CHARS = 1_500;
/** The longest gap between two successful polls of one Zap that must still see every event. */
export const LOG_WINDOW_MS = 60 * 60_000;
/** How long a poll holding the lock may take before another poll may take it over. */
export const LOCK_TTL_SECONDS = 45;
/** How long a poll waits for another poll's lock before returning the log unchanged. */
export const LOCK_WAIT_MS = 8_000;

// ---------------------------------------------------------------------------------------------------------
// Keys and hashes

const digest = (value: string, length: number): string =>
  createHash('sha256').update(value).digest('hex').slice(0, length);

/** A stable key of a trigger's inputs (sorted keys; undefined dropped). */
export const inputsKey = (inputs: Record<string, unknown>): string =>
  digest(
    JSON.stringify(
      Object.keys(inputs)
        .sort()
        .filter((key) => inputs[key] !== undefined)
        .map((key) => [key, inputs[key]]),
    ),
    16,
  );

/** 48 bits of a record id: collisions among 64,000 tracked ids have a probability below 1e-5. */
const idHash = (id: string): string => digest(id, 12);
const shardOf = (hash: string): number => parseInt(hash[0], 16) % SHARD_COUNT;

// ---------------------------------------------------------------------------------------------------------
// The state

export interface LoggedEvent<Item> {
  /** The event id Zapier dedupes on (also the item's `id`). */
  id: string;
  /** When the trigger first saw it (epoch ms). */
  at: number;
  item: Item;
}

interface Meta {
  v: 1;
  gen: string;
  createdAt: number;
  /** Changes at or after `checkedAt - OVERLAP_MS` are read by the next poll. */
  checkedAt: number;
  /** Whether the baseline covers every record (e.g. every contact having the tag when the Zap was turned on). */
  complete: boolean;
  /** `n`: the chunk's events (absent in state written before it was kept: counted as a full chunk). */
  chunks: Array<{ key: string; newestAt: number; n?: number; chars?: number }>;
  seq: number;
  /** When every shard was last rewritten (their TTL runs from there). */
  refreshedAt: number;
}

const isMeta = (value: unknown): value is Meta =>
  typeof value === 'object' &&
  value !== null &&
  (value as Meta).v === 1 &&
  typeof (value as Meta).gen === 'string' &&
  typeof (value as Meta).checkedAt === 'number' &&
  Array.isArray((value as Meta).chunks);

interface ShardValue {
  gen: string;
  /** `<id hash> <value>`, least recently seen first. */
  e: string[];
}

interface ChunkValue<Item> {
  gen: string;
  events: Array<LoggedEvent<Item>>;
}

/** What a detection pass hands back: each changed record, and how far it got. */
export interface Changes<Record> {
  records: Record[];
  /** Every change before this time (epoch ms) has been read. */
  readUntil: number;
}

/** The baseline read when there is no state (the Zap's first turn-on on this connection, or lost state). */
export interface Baseline {
  entries: Array<{ id: string; value: string }>;
  /** The baseline covers every record: a record missing from it is known to be absent (e.g. untagged). */
  complete: boolean;
  /** When the read started: changes from then on are read by the next poll. */
  startedAt: number;
}

/** The outcome of comparing one changed record with the baseline. */
export interface Comparison<Item> {
  /** The new baseline value; undefined forgets the record. */
  value: string | undefined;
  event?: { id: string; item: Item };
}

export interface EventTrigger<Record, Item> {
  /** e.g. `contact_tag_added`. */
  trigger: string;
  /** The inputs that change what fires (state is kept per trigger and inputs). */
  inputs: { [key: string]: unknown };
  idOf(record: Record): string;
  readBaseline(deadline: Deadline): Promise<Baseline>;
  readChanges(since: number, deadline: Deadline): Promise<Changes<Record>>;
  /**
   * When a record last changed (epoch ms), for records read oldest change first: lets a poll stop detecting
   * at MAX_LOG_EVENTS and leave the rest of a burst to the next polls. Without it every change read is applied.
   */
  timeOf?(record: Record): number | undefined;
  /**
   * Compares a changed record with what the baseline held (`previous` undefined: never seen). `complete` and
   * `createdAt` tell the comparer whether an unseen record is known to be new.
   */
  compare(
    record: Record,
    previous: string | undefined,
    state: { complete: boolean; createdAt: number },
  ): Comparison<Item>;
}

/** A hard wall-clock budget for one poll (performance.now, not Date.now: unaffected by clock changes). */
export class Deadline {
  private readonly end: number;
  constructor(readonly budgetMs: number) {
    this.end = performance.now() + budgetMs;
  }
  get remainingMs(): number {
    return this.end - performance.now();
  }
  /** Whether another step that may take `ms` still fits. */
  allows(ms: number): boolean {
    return this.remainingMs > ms;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PollOutcome<Item> {
  /** Every event of the log, newest first. */
  events: Array<LoggedEvent<Item>>;
  /** What this poll did (for logs and the simulator). */
  detail: { rebuilt: boolean; detected: number; locked: boolean; caughtUp: boolean };
}

/**
 * One poll of an event trigger: (under the lock) read the state, rebuild it if missing, read the changes since
 * the last check, compare, append events, write back; then return every event of the log, newest first.
 */
export const pollEvents = async <Record, Item>(
  z: ZObject,
  spec: EventTrigger<Record, Item>,
  deadline: Deadline,
): Promise<PollOutcome<Item>> => {
  const base = `hlz:v1:${spec.trigger}:${inputsKey(spec.inputs)}`;
  const store = connectionStore(z, base);
  const lockKey = `${base}:lock`;
  const lockId = randomUUID();
  const detail = { rebuilt: false, detected: 0, locked: false, caughtUp: true };

  let locked = await store.setIfAbsent(lockKey, lockId, LOCK_TTL_SECONDS);
  while (
    !locked &&
    deadline.allows(LOCK_WAIT_MS / 2) &&
    deadline.budgetMs - deadline.remainingMs < LOCK_WAIT_MS
  ) {
    await sleep(250);
    locked = await store.setIfAbsent(lockKey, lockId, LOCK_TTL_SECONDS);
  }
  detail.locked = locked;
  try {
    let meta = await readMeta(store, base);
    if (locked) {
      const now = Date.now();
      if (!meta || now - meta.checkedAt > MAX_CATCH_UP_MS) {
        meta = await rebuild(store, base, spec, deadline, meta);
        detail.rebuilt = true;
      } else {
        const allowance = eventAllowance(meta, now);
        if ((allowance.events > 0 && allowance.chars > 0) || !spec.timeOf) {
          const changes = await spec.readChanges(meta.checkedAt - OVERLAP_MS, deadline);
          detail.detected = await apply(store, base, spec, meta, changes, now, allowance);
          detail.caughtUp = meta.checkedAt >= now - 1;
        } else {
          // The log holds all it may for now: the changes wait for a later poll (nothing is lost).
          detail.caughtUp = false;
        }
      }
    }
    return { events: meta ? await readLog<Item>(store, meta) : [], detail };
  } finally {
    if (locked && (await store.get(lockKey)) === lockId) await store.delete(lockKey);
  }
};

const readMeta = async (store: ConnectionStore, base: string): Promise<Meta | undefined> => {
  const value = await store.get(`${base}:meta`);
  return isMeta(value) ? value : undefined;
};

const writeMeta = (store: ConnectionStore, base: string, meta: Meta) =>
  store.set(`${base}:meta`, meta, BASELINE_TTL_SECONDS);

const shardKey = (base: string, gen: string, shard: number) => `${base}:${gen}:b${shard}`;

/** A shard's entries; `present` is false when the key is gone (evicted or expired). */
const readShard = async (store: ConnectionStore, base: string, gen: string, shard: number) => {
  const value = (await store.get(shardKey(base, gen, shard))) as ShardValue | null;
  const map = new Map<string, string>();
  const present = Boolean(value && value.gen === gen && Array.isArray(value.e));
  if (present) {
    for (const entry of (value as ShardValue).e) {
      const space = entry.indexOf(' ');
      if (space > 0) map.set(entry.slice(0, space), entry.slice(space + 1));
    }
  }
  return { map, present };
};

const writeShard = async (
  store: ConnectionStore,
  base: string,
  gen: string,
  shard: number,
  map: Map<string, string>,
) => {
  const entries = [...map].map(([hash, value]) => `${hash} ${value}`);
  const trimmed = entries.length > MAX_SHARD_ENTRIES;
  const bounded = trimmed ? entries.slice(-MAX_SHARD_ENTRIES) : entries;
  await store.set(shardKey(base, gen, shard), { gen, e: bounded } satisfies ShardValue, BASELINE_TTL_SECONDS);
  /** Whether the least recently seen entries were forgotten (the baseline no longer covers everything). */
  return trimmed;
};

const rebuild = async <Record, Item>(
  store: ConnectionStore,
  base: string,
  spec: EventTrigger<Record, Item>,
  deadline: Deadline,
  previous: Meta | undefined,
): Promise<Meta> => {
  const baseline = await spec.readBaseline(deadline);
  const gen = randomUUID().slice(0, 8);
  const shards = Array.from({ length: SHARD_COUNT }, () => new Map<string, string>());
  for (const { id, value } of baseline.entries) {
    const hash = idHash(id);
    shards[shardOf(hash)].set(hash, value);
  }
  const trimmed = await Promise.all(shards.map((map, shard) => writeShard(store, base, gen, shard, map)));
  // A rebuilt baseline keeps the log: events already recorded stay visible to the Zaps that have not seen them.
  const meta: Meta = {
    v: 1,
    gen,
    createdAt: baseline.startedAt,
    checkedAt: baseline.startedAt,
    complete: baseline.complete && !trimmed.some(Boolean),
    chunks: previous?.chunks ?? [],
    seq: previous?.seq ?? 0,
    refreshedAt: baseline.startedAt,
  };
  await writeMeta(store, base, meta);
  return meta;
};

const apply = async <Record, Item>(
  store: ConnectionStore,
  base: string,
  spec: EventTrigger<Record, Item>,
  meta: Meta,
  changes: Changes<Record>,
  now: number,
  allowance: Allowance,
): Promise<number> => {
  const byShard = new Map<number, Record[]>();
  for (const record of changes.records) {
    const shard = shardOf(idHash(spec.idOf(record)));
    byShard.set(shard, [...(byShard.get(shard) ?? []), record]);
  }
  const events: Array<LoggedEvent<Item>> = [];
  /** Each event's size, measured once for the allowance and kept for its chunk's record. */
  const sizes: number[] = [];
  let chars = 0;
  let readUntil = changes.readUntil;
  // Every shard is rewritten now and then so that its TTL never runs out while Zaps keep polling.
  const refresh = now - meta.refreshedAt > (BASELINE_TTL_SECONDS * 1000) / 2;
  const shards = refresh ? Array.from({ length: SHARD_COUNT }, (_, shard) => shard) : [...byShard.keys()];
  const read = await Promise.all(shards.map((shard) => readShard(store, base, meta.gen, shard)));
  // A lost shard (evicted) means its records are unseen again: the baseline no longer covers everything.
  if (read.some((shard) => !shard.present)) meta.complete = false;
  if (refresh) meta.refreshedAt = now;
  const maps = read.map((shard) => shard.map);
  const mapOf = new Map(shards.map((shard, index) => [shard, maps[index]]));
  // In the order read (oldest change first): a burst beyond the allowance stops at the first record that would
  // log one event too many; that record and the later ones are compared by the next polls.
  for (const record of changes.records) {
    const hash = idHash(spec.idOf(record));
    const map = mapOf.get(shardOf(hash)) as Map<string, string>;
    const outcome = spec.compare(record, map.get(hash), {
      complete: meta.complete,
      createdAt: meta.createdAt,
    });
    const at = spec.timeOf?.(record);
    const logged = outcome.event && { ...outcome.event, at: now };
    const size = logged ? jsonChars(logged) : 0;
    const full = events.length >= allowance.events || (events.length > 0 && chars + size > allowance.chars);
    if (logged && full && at !== undefined) {
      readUntil = Math.min(readUntil, at);
      break;
    }
    map.delete(hash);
    if (outcome.value !== undefined) map.set(hash, outcome.value);
    if (logged) {
      events.push(logged);
      sizes.push(size);
      chars += size;
    }
  }
  const trimmed = await Promise.all(
    shards.map((shard, index) => writeShard(store, base, meta.gen, shard, maps[index])),
  );
  if (trimmed.some(Boolean)) meta.complete = false;

  const live = meta.chunks.filter((chunk) => chunk.newestAt > now - EVENT_TTL_MS);
  for (let start = 0; start < events.length; start += MAX_CHUNK_EVENTS) {
    meta.seq += 1;
    const key = `${base}:e${meta.seq}`;
    const chunk: ChunkValue<Item> = { gen: meta.gen, events: events.slice(start, start + MAX_CHUNK_EVENTS) };
    await store.set(key, chunk, Math.ceil(EVENT_TTL_MS / 1000) + 600);
    live.push({
      key,
      newestAt: now,
      n: chunk.events.length,
      chars: sizes.slice(start, start + MAX_CHUNK_EVENTS).reduce((sum, size) => sum + size, 0),
    });
  }
  meta.chunks = live.slice(-MAX_CHUNKS);
  meta.checkedAt = Math.min(readUntil, now);
  await writeMeta(store, base, meta);
  return events.length;
};

interface Allowance {
  events: number;
  chars: number;
}

/** What this poll may still log: MAX_LOG_EVENTS and MAX_LOG_CHARS within any LOG_WINDOW_MS. */
const eventAllowance = (meta: Meta, now: number): Allowance => {
  const recent = meta.chunks.filter((chunk) => chunk.newestAt > now - LOG_WINDOW_MS);
  const events = recent.reduce((sum, chunk) => sum + (chunk.n ?? MAX_CHUNK_EVENTS), 0);
  const chars = recent.reduce(
    (sum, chunk) => sum + (chunk.chars ?? (chunk.n ?? MAX_CHUNK_EVENTS) * LEGACY_EVENT_CHARS),
    0,
  );
  return { events: MAX_LOG_EVENTS - events, chars: MAX_LOG_CHARS - chars };
};

const readLog = async <Item>(store: ConnectionStore, meta: Meta): Promise<Array<LoggedEvent<Item>>> => {
  const now = Date.now();
  const chunks = meta.chunks.filter((chunk) => chunk.newestAt > now - EVENT_TTL_MS);
  const values = await Promise.all(chunks.map((chunk) => store.get(chunk.key)));
  const events = values.flatMap((value) =>
    value && typeof value === 'object' && Array.isArray((value as ChunkValue<Item>).events)
      ? (value as ChunkValue<Item>).events
      : [],
  );
  const seen = new Set<string>();
  // The newest events one answer holds (MAX_LOG_EVENTS, MAX_LOG_CHARS).
  return fitAnswer(
    events
      .filter((event) => event.at > now - EVENT_TTL_MS)
      .sort((a, b) => b.at - a.at)
      .filter((event) => (seen.has(event.id) ? false : (seen.add(event.id), true))),
    MAX_LOG_EVENTS,
  );
};
