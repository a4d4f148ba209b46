/**
 * What the task triggers (New Task, Task Completed) compare: a baseline of the tasks a connection has seen,
 * and the events found by comparing a fresh read with it (docs/TASK_TRIGGERS.md §3–§5). Pure functions on a
 * JSON value, so the rules are tested without HighLevel or Zapier; lib/tasks/poll.ts reads and stores it.
 *
 * HighLevel documents no creation, update or completion date on tasks and no order of the task search
 * (docs/TASK_TRIGGERS.md §1), so the rules rest on ids and the `completed` flag alone:
 * - a task is new when it is seen for the first time, open or completed, after the baseline was read;
 * - a task is completed when it was seen open and is now seen completed; each completion gets its own event
 *   id (`<task>:completed:<generation>.<n>`), so a task reopened and completed again fires again;
 * - an edit changes nothing the rules look at, and a deleted task is forgotten without an event.
 * Where a server also sends `dateAdded` (HighLevel's responses are seen to carry it, the spec omits it), a
 * task first seen open but created before the baseline was read is a reopened old task, not a new one.
 */
import { timestampOf } from '../core/dates';
import { normaliseTask, type HighLevelTask, type Task } from './model';

/** Completion counters of tasks not open any more are forgotten after this long (docs/TASK_TRIGGERS.md §5). */
export const DONE_MEMORY_MS = 30 * 24 * 60 * 60_000;
/** A task whose `dateAdded` is this much older than the baseline existed before it (clock skew allowance). */
export const CREATED_BEFORE_MARGIN_MS = 60_000;

export interface TaskBaseline {
  v: 1;
  /** Distinguishes baselines: a rebuilt one never reuses an earlier one's completion event ids. */
  gen: string;
  /** When the read that made the baseline began (epoch ms). */
  startedAt: number;
  /** Open tasks: task id → contact id (needed to read one task: GET /contacts/:contactId/tasks/:taskId). */
  open: Record<string, string>;
  /** Tasks seen completed: task id → [completions seen, when last seen changing (epoch ms)]. */
  done: Record<string, [number, number]>;
}

export type TaskEventKind = 'created' | 'completed';

export interface TaskEvent {
  /** The id Zapier dedupes on: the task id for `created`, `<task>:completed:<gen>.<n>` for `completed`. */
  id: string;
  kind: TaskEventKind;
  /** The task as first seen in that state (the trigger's output). */
  task: Task;
}

const isCompleted = (task: HighLevelTask): boolean => task.completed === true;

const contactOf = (task: HighLevelTask, fallback?: string): string => task.contactId ?? fallback ?? '';

const createdEvent = (task: HighLevelTask, contactId?: string): TaskEvent => ({
  id: task.id,
  kind: 'created',
  task: normaliseTask(task, contactId),
});

/** Records a completion of `task` and returns its event. */
const complete = (
  baseline: TaskBaseline,
  task: HighLevelTask,
  now: number,
  contactId?: string,
): TaskEvent => {
  const count = (baseline.done[task.id]?.[0] ?? 0) + 1;
  baseline.done[task.id] = [count, now];
  delete baseline.open[task.id];
  return {
    id: `${task.id}:completed:${baseline.gen}.${count}`,
    kind: 'completed',
    task: normaliseTask(task, contactId),
  };
};

export const emptyBaseline = (gen: string, startedAt: number): TaskBaseline => ({
  v: 1,
  gen,
  startedAt,
  open: {},
  done: {},
});

export const isTaskBaseline = (value: unknown): value is TaskBaseline =>
  typeof value === 'object' &&
  value !== null &&
  (value as TaskBaseline).v === 1 &&
  typeof (value as TaskBaseline).gen === 'string' &&
  typeof (value as TaskBaseline).startedAt === 'number' &&
  typeof (value as TaskBaseline).open === 'object' &&
  typeof (value as TaskBaseline).done === 'object';

/** Whether a task first seen now was created before the baseline (only knowable from an undocumented date). */
const createdBeforeBaseline = (baseline: TaskBaseline, task: HighLevelTask): boolean => {
  const added = timestampOf(task.dateAdded);
  return added !== undefined && added < baseline.startedAt - CREATED_BEFORE_MARGIN_MS;
};

// ---------------------------------------------------------------------------------------------------------
// One contact's tasks: GET /contacts/:id/tasks lists them all, open and completed (docs/TASK_TRIGGERS.md §4)

/** The baseline of one contact: every task it has, open or completed, is known. */
export const contactBaseline = (
  gen: string,
  startedAt: number,
  tasks: readonly HighLevelTask[],
  contactId: string,
): TaskBaseline => {
  const baseline = emptyBaseline(gen, startedAt);
  for (const task of tasks) {
    if (isCompleted(task)) baseline.done[task.id] = [0, startedAt];
    else baseline.open[task.id] = contactOf(task, contactId);
  }
  return baseline;
};

/**
 * Compares one contact's whole task list with its baseline (updated in place). A task never seen is new (and
 * also completed if it already is); an open task now completed is completed; a completed task seen open again
 * was reopened (no event); a task gone from the list was deleted (forgotten).
 */
export const compareContactTasks = (
  baseline: TaskBaseline,
  tasks: readonly HighLevelTask[],
  contactId: string,
  now: number,
): TaskEvent[] => {
  const events: TaskEvent[] = [];
  const listed = new Set<string>();
  for (const task of tasks) {
    listed.add(task.id);
    const wasOpen = task.id in baseline.open;
    const wasDone = task.id in baseline.done;
    if (!wasOpen && !wasDone) {
      // The baseline holds every task the contact had: one never seen is new, whatever its dates say.
      events.push(createdEvent(task, contactId));
      if (isCompleted(task)) events.push(complete(baseline, task, now, contactId));
      else baseline.open[task.id] = contactOf(task, contactId);
    } else if (isCompleted(task)) {
      if (wasOpen) events.push(complete(baseline, task, now, contactId));
    } else if (!wasOpen) {
      baseline.open[task.id] = contactOf(task, contactId);
    }
  }
  for (const id of Object.keys(baseline.open)) if (!listed.has(id)) delete baseline.open[id];
  for (const id of Object.keys(baseline.done)) if (!listed.has(id)) delete baseline.done[id];
  return events;
};

// ---------------------------------------------------------------------------------------------------------
// The whole sub-account: the open tasks (POST /locations/:id/tasks/search, completed: false), any order

/** The baseline of a sub-account: its open tasks. Completed history is never read (docs/TASK_TRIGGERS.md §5). */
export const openTasksBaseline = (
  gen: string,
  startedAt: number,
  openTasks: readonly HighLevelTask[],
): TaskBaseline => {
  const baseline = emptyBaseline(gen, startedAt);
  for (const task of openTasks) baseline.open[task.id] = contactOf(task);
  return baseline;
};

export interface OpenTasksComparison {
  /** New Task events: open tasks never seen before. */
  events: TaskEvent[];
  /** Tasks of the baseline missing from the read: completed, deleted, or missed by the read; each is checked. */
  missing: Array<{ taskId: string; contactId: string }>;
}

/**
 * Compares a read of the open tasks with the baseline (updated in place). `complete` says whether the read
 * reached the end of the list: only then can a task missing from it be a completed or deleted one.
 */
export const compareOpenTasks = (
  baseline: TaskBaseline,
  openTasks: readonly HighLevelTask[],
  complete: boolean,
): OpenTasksComparison => {
  const events: TaskEvent[] = [];
  const seen = new Set<string>();
  for (const task of openTasks) {
    seen.add(task.id);
    if (task.id in baseline.open) {
      baseline.open[task.id] = contactOf(task, baseline.open[task.id]);
      continue;
    }
    // Seen completed before (reopened), or created before the baseline (an old task reopened): no event.
    if (!(task.id in baseline.done) && !createdBeforeBaseline(baseline, task))
      events.push(createdEvent(task));
    baseline.open[task.id] = contactOf(task);
  }
  const missing = complete
    ? Object.entries(baseline.open)
        .filter(([id]) => !seen.has(id))
        .map(([taskId, contactId]) => ({ taskId, contactId }))
    : [];
  return { events, missing };
};

/**
 * The outcome of reading one task that left the open list: completed (an event), still open (the read
 * missed it; kept), or gone (deleted, or its contact was: forgotten).
 */
export const resolveMissingTask = (
  baseline: TaskBaseline,
  taskId: string,
  task: HighLevelTask | null,
  now: number,
): TaskEvent | undefined => {
  if (task === null) {
    delete baseline.open[taskId];
    return undefined;
  }
  if (isCompleted(task)) return complete(baseline, { ...task, id: taskId }, now);
  return undefined;
};

/** Forgets completion counters of tasks not open for DONE_MEMORY_MS (they would fire as new if reopened). */
export const pruneBaseline = (baseline: TaskBaseline, now: number): void => {
  for (const [id, [, at]] of Object.entries(baseline.done)) {
    if (!(id in baseline.open) && now - at > DONE_MEMORY_MS) delete baseline.done[id];
  }
};
