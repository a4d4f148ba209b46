/**
 * Tasks in the instant triggers (docs/INSTANT_TRIGGERS.md §2). HighLevel's TaskCreate / TaskComplete webhooks
 * carry the task's own fields, but real TaskCreate deliveries come without `contactId` and `body` (HighLevel
 * issue #332, docs/HIGHLEVEL.md §10). Such a task is filled in with one location task search, the read the
 * polling triggers use (it returns `contactId`), narrowed by the task's title and assignee.
 */
import type { ZObject } from 'zapier-platform-core';
import { userError } from '../core/errors';
import type { AuthBundle } from '../core/request';
import type { RelayFilters } from '../relay/client';
import type { Delivery } from '../relay/delivery';
import { asFire } from '../relay/hook';
import { searchLocationTasks } from './api';
import { normaliseTask, taskSchema, type HighLevelTask, type Task } from './model';

/** How many tasks the filling search may return: the task is among them unless the title is very common. */
export const FILL_SEARCH_LIMIT = 100;

const taskOfPayload = (z: ZObject, event: Record<string, unknown>): HighLevelTask => {
  const parsed = taskSchema().safeParse(event);
  if (!parsed.success) {
    throw userError(
      z,
      'The instant trigger received a task event without a usable task ID, so it did not trigger. If it keeps happening, please contact support.',
      'unexpected_response',
    );
  }
  return parsed.data;
};

/**
 * The task of a webhook, normalised like the polling triggers' tasks. Without `contactId` (or `body`), one
 * search fills the missing fields from the task as HighLevel lists it; if the search does not find it, the
 * output keeps what the webhook had (Contact ID empty).
 */
export const taskOfEvent = async (
  z: ZObject,
  bundle: AuthBundle,
  event: Record<string, unknown>,
  completed?: boolean,
): Promise<Task> => {
  const task = taskOfPayload(z, event);
  let filled: HighLevelTask = task;
  if (!task.contactId || !task.body) {
    const found = (
      await searchLocationTasks(z, bundle, {
        ...(task.title ? { query: task.title } : {}),
        ...(task.assignedTo ? { assignedTo: [task.assignedTo] } : {}),
        limit: FILL_SEARCH_LIMIT,
      })
    ).find((candidate) => candidate.id === task.id);
    if (found) {
      filled = {
        ...found,
        ...Object.fromEntries(
          Object.entries(task).filter(([, value]) => value !== null && value !== undefined),
        ),
      } as HighLevelTask;
    } else {
      z.console.log(`Task ${task.id}: not found by the task search; its contact stays empty`);
    }
  }
  const output = normaliseTask(filled);
  return completed === undefined ? output : { ...output, completed };
};

/**
 * The fire of a task trigger: the task of the delivery (filled in when the webhook lacks its contact), if it
 * matches the chosen contact and assignee. The relay cannot filter on a contact the webhook lacks
 * (docs/RELAY_CONTRACT.md §5), so the app applies the filters after filling it in.
 */
export const taskFires = async (
  z: ZObject,
  bundle: AuthBundle,
  delivery: Delivery,
  { contactId, assignedTo }: RelayFilters,
  completed?: boolean,
) => {
  const task = await taskOfEvent(z, bundle, delivery.event, completed);
  if (contactId !== undefined && task.contactId !== contactId) return [];
  if (assignedTo !== undefined && task.assignedTo !== assignedTo) return [];
  return [asFire(task, 'taskId', delivery.id)];
};
