/**
 * One poll of the task triggers (New Task, Task Completed): read HighLevel's tasks, compare them with the
 * connection's task baseline (lib/tasks/events.ts), log the events, and return the log (docs/TASK_TRIGGERS.md §3).
 *
 * The baseline and the event log live on `z.cache` with scope `['auth']` (lib/core/triggerState.ts, docs/TRIGGERS.md
 * §1–§3): one per sub-account and one per watched contact, shared by both task triggers and every Zap of the
 * connection, whatever their assignee filter. Every poll returns the whole log (events of the last
 * EVENT_TTL_MS), so Zapier's per-Zap dedupe fires each event once in each Zap, late polls and a failed poll
 * included. A poll that cannot take the lock, or runs out of time, leaves the baseline as it was: the next
 * poll finds the same differences.
 */
import { randomUUID } from 'node:crypto';
import type { ZObject } from 'zapier-platform-core';
import { SAMPLE_PAGE_LIMIT, type PollMeta } from '../core/polling';
import { locationIdOf, type AuthBundle } from '../core/request';
import { findTaskById, listContactTasks, searchLocationTasks } from './api';
import { normaliseTask, type HighLevelTask, type Task } from './model';
import {
  compareContactTasks,
  compareOpenTasks,
  contactBaseline,
  isTaskBaseline,
  openTasksBaseline,
  pruneBaseline,
  resolveMissingTask,
  type TaskBaseline,
  type TaskEvent,
  type TaskEventKind,
} from './events';
import {
  BASELINE_TTL_SECONDS,
  connectionStore,
  Deadline,
  EVENT_TTL_MS,
  LOCK_TTL_SECONDS,
  LOCK_WAIT_MS,
  MAX_CATCH_UP_MS,
  type ConnectionStore,
} from '../core/triggerState';

export const TASK_POLL = {
  /** Tasks per search page: the cost is one request per this many open tasks. */
  pageLimit: 100,
  /** No request starts after this much of the poll (Zapier allows 30 s; one read may take 8 s). */
  budgetMs: 18_000,
  /** Tasks that left the open list read back per poll; the rest wait for the next poll (still open to us). */
  maxChecks: 60,
  /** Reads of tasks that left the open list, in parallel (HighLevel allows 100 requests per 10 s). */
  checkConcurrency: 4,
  /** Events per log chunk (one z.cache key each). */
  chunkEvents: 100,
  /**
   * Log chunks kept: at most 3,000 events (about 1 MB returned), far under the 6 MB a step's response may carry
   * (docs/TRIGGERS.md §3); beyond, the oldest go first (more than 3,000 task events within EVENT_TTL_MS).
   */
  maxChunks: 30,
  /** Open tasks per baseline key (about 45 bytes each: far below any value size z.cache may take). */
  shardEntries: 2_500,
  /** Completion counters kept at most (the least recently changed go first). */
  maxDone: 20_000,
} as const;

export interface LoggedTaskEvent extends TaskEvent {
  /** When a poll first saw it (epoch ms). */
  at: number;
}

interface TaskState {
  baseline: TaskBaseline;
  /** When the last poll finished comparing (epoch ms). */
  checkedAt: number;
  chunks: Array<{ key: string; newestAt: number }>;
  seq: number;
}

/** What is stored under `<base>:state`: the state without its open tasks, which go to `shards` keys. */
interface StoredState extends Omit<TaskState, 'baseline'> {
  baseline: Omit<TaskBaseline, 'open'> & { open: Record<string, never> };
  shards: number;
}

const isStoredState = (value: unknown): value is StoredState =>
  typeof value === 'object' &&
  value !== null &&
  isTaskBaseline((value as StoredState).baseline) &&
  typeof (value as StoredState).checkedAt === 'number' &&
  Array.isArray((value as StoredState).chunks) &&
  typeof (value as StoredState).seq === 'number' &&
  typeof (value as StoredState).shards === 'number';

const shardKey = (base: string, gen: string, shard: number) => `${base}:${gen}:open${shard}`;

/** The state with its open tasks put back together; undefined when any part is missing (expired, evicted). */
const readState = async (store: ConnectionStore, base: string): Promise<TaskState | undefined> => {
  const stored = await store.get(`${base}:state`);
  if (!isStoredState(stored)) return undefined;
  const { shards, ...state } = stored;
  const parts = await Promise.all(
    Array.from({ length: shards }, (_, shard) => store.get(shardKey(base, state.baseline.gen, shard))),
  );
  const open: Record<string, string> = {};
  for (const part of parts) {
    if (part === null || typeof part !== 'object') return undefined;
    Object.assign(open, part);
  }
  return { ...state, baseline: { ...state.baseline, open } };
};

/** Stores the state: its open tasks in keys of TASK_POLL.shardEntries, the rest in one key. */
const writeState = async (store: ConnectionStore, base: string, state: TaskState): Promise<void> => {
  const entries = Object.entries(state.baseline.open);
  const shards = Math.max(1, Math.ceil(entries.length / TASK_POLL.shardEntries));
  await Promise.all(
    Array.from({ length: shards }, (_, shard) =>
      store.set(
        shardKey(base, state.baseline.gen, shard),
        Object.fromEntries(
          entries.slice(shard * TASK_POLL.shardEntries, (shard + 1) * TASK_POLL.shardEntries),
        ),
        BASELINE_TTL_SECONDS,
      ),
    ),
  );
  const stored: StoredState = { ...state, baseline: { ...state.baseline, open: {} }, shards };
  await store.set(`${base}:state`, stored, BASELINE_TTL_SECONDS);
};

/** Keeps the completion counters within TASK_POLL.maxDone (the least recently changed go first). */
const boundDone = (baseline: TaskBaseline): void => {
  const done = Object.entries(baseline.done);
  if (done.length <= TASK_POLL.maxDone) return;
  done.sort(([, a], [, b]) => a[1] - b[1]);
  for (const [id] of done.slice(0, done.length - TASK_POLL.maxDone)) delete baseline.done[id];
};

interface LogChunk {
  events: LoggedTaskEvent[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the read of every page reached the end (a short page) inside the budget. */
interface OpenTasksRead {
  tasks: HighLevelTask[];
  complete: boolean;
  requests: number;
}

/**
 * Every open task of the sub-account, in pages of TASK_POLL.pageLimit (`skip` advances by what came back).
 * The search has no documented order (docs/TASK_TRIGGERS.md §1): nothing here depends on one. A task that
 * moves between pages while they are read may be seen twice (kept once) or not at all (then it is read back
 * by id before anything is concluded from its absence).
 */
export const readOpenTasks = async (
  z: ZObject,
  bundle: AuthBundle,
  deadline: Deadline,
): Promise<OpenTasksRead> => {
  const byId = new Map<string, HighLevelTask>();
  let skip = 0;
  let requests = 0;
  for (;;) {
    if (requests > 0 && !deadline.allows(0)) return { tasks: [...byId.values()], complete: false, requests };
    const page = await searchLocationTasks(z, bundle, {
      completed: false,
      limit: TASK_POLL.pageLimit,
      ...(skip > 0 ? { skip } : {}),
    });
    requests += 1;
    for (const task of page) if (!byId.has(task.id)) byId.set(task.id, task);
    if (page.length < TASK_POLL.pageLimit) return { tasks: [...byId.values()], complete: true, requests };
    skip += page.length;
  }
};

/** Reads back tasks that left the open list, a few at a time, within the budget and TASK_POLL.maxChecks. */
const readMissing = async (
  z: ZObject,
  missing: Array<{ taskId: string; contactId: string }>,
  deadline: Deadline,
): Promise<Array<{ taskId: string; task: HighLevelTask | null }>> => {
  const queue = missing.slice(0, TASK_POLL.maxChecks);
  const found: Array<{ taskId: string; task: HighLevelTask | null }> = [];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (!deadline.allows(0)) return;
      const { taskId, contactId } = next;
      found.push({ taskId, task: await findTaskById(z, contactId, taskId) });
    }
  };
  await Promise.all(Array.from({ length: TASK_POLL.checkConcurrency }, worker));
  return found;
};

/** Where the state of a watch lives: the sub-account, or one contact. */
const stateBase = (z: ZObject, bundle: AuthBundle, contactId: string | undefined) =>
  contactId === undefined
    ? `hlz:v1:tasks:location:${locationIdOf(z, bundle)}`
    : `hlz:v1:tasks:contact:${contactId}`;

const readLog = async (store: ConnectionStore, state: TaskState | undefined, now: number) => {
  if (!state) return [];
  const chunks = state.chunks.filter((chunk) => chunk.newestAt > now - EVENT_TTL_MS);
  const values = await Promise.all(chunks.map((chunk) => store.get(chunk.key)));
  const seen = new Set<string>();
  return values
    .flatMap((value) =>
      value && typeof value === 'object' && Array.isArray((value as LogChunk).events)
        ? (value as LogChunk).events
        : [],
    )
    .filter((event) => event.at > now - EVENT_TTL_MS)
    .sort((a, b) => b.at - a.at)
    .filter((event) => (seen.has(event.id) ? false : (seen.add(event.id), true)));
};

const appendLog = async (
  store: ConnectionStore,
  base: string,
  state: TaskState,
  events: TaskEvent[],
  now: number,
) => {
  const live = state.chunks.filter((chunk) => chunk.newestAt > now - EVENT_TTL_MS);
  for (let start = 0; start < events.length; start += TASK_POLL.chunkEvents) {
    state.seq += 1;
    const key = `${base}:e${state.seq}`;
    const chunk: LogChunk = {
      events: events.slice(start, start + TASK_POLL.chunkEvents).map((event) => ({ ...event, at: now })),
    };
    await store.set(key, chunk, Math.ceil(EVENT_TTL_MS / 1000) + 600);
    live.push({ key, newestAt: now });
  }
  state.chunks = live.slice(-TASK_POLL.maxChunks);
};

export interface TaskPollOutcome {
  /** Every event of the log, newest first. */
  events: LoggedTaskEvent[];
  detail: { rebuilt: boolean; detected: number; locked: boolean; requests: number; complete: boolean };
}

/**
 * One poll for a watch (the sub-account, or one contact): under the connection's lock, read the tasks,
 * compare, log, store; then return the log. Throws what a read throws (the baseline is then left as it was).
 */
export const pollTaskEvents = async (
  z: ZObject,
  bundle: AuthBundle & { meta: PollMeta },
  contactId: string | undefined,
  deadline: Deadline = new Deadline(TASK_POLL.budgetMs),
): Promise<TaskPollOutcome> => {
  const base = stateBase(z, bundle, contactId);
  const store = connectionStore(z, base);
  const lockKey = `${base}:lock`;
  const lockId = randomUUID();
  const detail = { rebuilt: false, detected: 0, locked: false, requests: 0, complete: true };

  let locked = await store.setIfAbsent(lockKey, lockId, LOCK_TTL_SECONDS);
  const waitUntil = Date.now() + LOCK_WAIT_MS;
  while (!locked && Date.now() < waitUntil) {
    await sleep(250);
    locked = await store.setIfAbsent(lockKey, lockId, LOCK_TTL_SECONDS);
  }
  detail.locked = locked;
  try {
    let state = await readState(store, base);
    if (locked) {
      const startedAt = Date.now();
      const stale = !state || startedAt - state.checkedAt > MAX_CATCH_UP_MS;
      let events: TaskEvent[] = [];
      let next: TaskState | undefined;
      if (contactId !== undefined) {
        const tasks = await listContactTasks(z, contactId);
        detail.requests += 1;
        if (stale || !state) {
          next = fresh(contactBaseline(newGen(), startedAt, tasks, contactId), state, startedAt);
        } else {
          next = state;
          events = compareContactTasks(next.baseline, tasks, contactId, startedAt);
        }
      } else {
        const read = await readOpenTasks(z, bundle, deadline);
        detail.requests += read.requests;
        detail.complete = read.complete;
        if (stale || !state) {
          // Only a read of the whole open list makes a baseline; otherwise the next poll tries again.
          if (read.complete)
            next = fresh(openTasksBaseline(newGen(), startedAt, read.tasks), state, startedAt);
        } else {
          next = state;
          const comparison = compareOpenTasks(next.baseline, read.tasks, read.complete);
          events = comparison.events;
          const checked = await readMissing(z, comparison.missing, deadline);
          detail.requests += checked.length;
          for (const { taskId, task } of checked) {
            const event = resolveMissingTask(next.baseline, taskId, task, Date.now());
            if (event) events.push(event);
          }
        }
      }
      if (next) {
        detail.rebuilt = next !== state;
        detail.detected = events.length;
        pruneBaseline(next.baseline, startedAt);
        boundDone(next.baseline);
        await appendLog(store, base, next, events, Date.now());
        next.checkedAt = startedAt;
        await writeState(store, base, next);
        state = next;
      }
    }
    return { events: await readLog(store, state, Date.now()), detail };
  } finally {
    if (locked && (await store.get(lockKey)) === lockId) await store.delete(lockKey);
  }
};

const newGen = () => randomUUID().slice(0, 8);

/** A new baseline keeps the old log: events already recorded stay visible to Zaps that have not seen them. */
const fresh = (baseline: TaskBaseline, previous: TaskState | undefined, now: number): TaskState => ({
  baseline,
  checkedAt: now,
  chunks: previous?.chunks ?? [],
  seq: previous?.seq ?? 0,
});

// ---------------------------------------------------------------------------------------------------------
// What the two triggers return

/** A Task Completed item: the event id, the task's own id in `taskId`, and the task as seen completed. */
export type TaskCompletedItem = Task & { taskId: string };

const asItem = (event: TaskEvent): Task | TaskCompletedItem =>
  event.kind === 'created' ? event.task : { ...event.task, id: event.id, taskId: event.task.id };

/**
 * The items of one task trigger: the logged events of `kind`, newest first, for the chosen assignee. The
 * editor's sample (`isLoadingSample`) leaves the state alone: the latest 3 logged events, else 3 tasks read
 * as they are (open ones for New Task, completed ones for Task Completed) to show the fields.
 */
export const taskEventItems = async (
  z: ZObject,
  bundle: AuthBundle & { meta: PollMeta },
  { contactId, assignedTo }: { contactId?: string; assignedTo?: string },
  kind: TaskEventKind,
): Promise<Array<Task | TaskCompletedItem>> => {
  const wanted = (task: Task) => assignedTo === undefined || task.assignedTo === assignedTo;
  if (bundle.meta.isLoadingSample) {
    const base = stateBase(z, bundle, contactId);
    const store = connectionStore(z, base);
    const logged = (await readLog(store, await readState(store, base), Date.now()))
      .filter((event) => event.kind === kind && wanted(event.task))
      .slice(0, SAMPLE_PAGE_LIMIT);
    if (logged.length > 0) return logged.map(asItem);
    const tasks =
      contactId === undefined
        ? await searchLocationTasks(z, bundle, {
            completed: kind === 'completed',
            ...(assignedTo === undefined ? {} : { assignedTo: [assignedTo] }),
            limit: SAMPLE_PAGE_LIMIT,
          })
        : (await listContactTasks(z, contactId)).filter(
            (task) => (task.completed === true) === (kind === 'completed'),
          );
    return tasks
      .map((task) => normaliseTask(task, contactId))
      .filter(wanted)
      .slice(0, SAMPLE_PAGE_LIMIT)
      .map((task) =>
        kind === 'created' ? task : { ...task, id: `${task.id}:completed:sample.1`, taskId: task.id },
      );
  }
  const { events } = await pollTaskEvents(z, bundle, contactId);
  return events.filter((event) => event.kind === kind && wanted(event.task)).map(asItem);
};
