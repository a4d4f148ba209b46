/**
 * The task triggers' poll (HIGHLEVEL.md §8): one contact's tasks, or the sub-account's through the
 * location task search, newest first by the trigger's date.
 */
import type { ZObject } from 'zapier-platform-core';
import { newestFirst, pageLimitFor, SAMPLE_PAGE_LIMIT, uniqueBy, type PollBundle } from '../core/polling';
import { listContactTasks, searchLocationTasks, type LocationTaskSearchBody } from './api';
import type { HighLevelTask } from './model';

/**
 * The location task search has no documented order (HIGHLEVEL.md §8), so a live poll reads the whole
 * filtered list (pages of POLL_PAGE_LIMIT via `skip`) up to these caps and sorts it itself. With the usual
 * few open tasks that is one request.
 */
export const TASK_SCAN = {
  maxItems: 1_000,
  budgetMs: 20_000,
} as const;

export interface TaskPoll {
  contactId?: string;
  assignedTo?: string;
  /** Only completed (true) or only open (false) tasks; undefined: both (one contact's tasks only). */
  completed?: boolean;
  /** The timestamp that makes a task "newest". */
  time: (task: HighLevelTask) => number | undefined;
}

/**
 * Tasks newest first: one contact's (GET /contacts/:id/tasks, filtered here) or the sub-account's
 * (POST /locations/:id/tasks/search). The dedupe-seeding poll reads the same set as a live poll: with no
 * order to rely on, seeding only a first page would make older tasks fire later.
 */
export const pollTasks = async (
  z: ZObject,
  bundle: PollBundle,
  { contactId, assignedTo, completed, time }: TaskPoll,
): Promise<HighLevelTask[]> => {
  const limit = pageLimitFor(bundle.meta);
  let tasks: HighLevelTask[];
  if (contactId !== undefined) {
    tasks = (await listContactTasks(z, contactId)).filter(
      (task) =>
        (completed === undefined || (task.completed === true) === completed) &&
        (assignedTo === undefined || task.assignedTo === assignedTo),
    );
  } else {
    tasks = await scanLocationTasks(z, bundle, {
      ...(completed === undefined ? {} : { completed }),
      ...(assignedTo === undefined ? {} : { assignedTo: [assignedTo] }),
      limit,
    });
  }
  const sorted = newestFirst(
    uniqueBy(tasks, (task) => task.id),
    time,
  );
  return bundle.meta.isLoadingSample ? sorted.slice(0, SAMPLE_PAGE_LIMIT) : sorted;
};

const scanLocationTasks = async (
  z: ZObject,
  bundle: PollBundle,
  body: LocationTaskSearchBody & { limit: number },
): Promise<HighLevelTask[]> => {
  const started = Date.now();
  let page = await searchLocationTasks(z, bundle, body);
  const tasks = [...page];
  if (bundle.meta.isLoadingSample) return tasks;
  const seen = new Set(tasks.map((task) => task.id));
  while (
    page.length >= body.limit &&
    tasks.length < TASK_SCAN.maxItems &&
    Date.now() - started < TASK_SCAN.budgetMs
  ) {
    page = await searchLocationTasks(z, bundle, { ...body, skip: tasks.length });
    const fresh = page.filter((task) => !seen.has(task.id));
    // A server that ignores `skip` would repeat a page forever: stop when nothing new arrives.
    if (fresh.length === 0) break;
    for (const task of fresh) seen.add(task.id);
    tasks.push(...fresh);
  }
  return tasks.slice(0, TASK_SCAN.maxItems);
};
