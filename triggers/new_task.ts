/**
 * New Task: with a contact chosen, that contact's tasks (GET /contacts/:id/tasks); without, the sub-account's
 * open tasks (POST /locations/:id/tasks/search, `completed: false`). Newest first by `dateAdded`, sorted
 * here: neither call documents an order (HIGHLEVEL.md §8).
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { normaliseTask, taskOutputFields, taskSample } from '../lib/tasks/model';
import { timestampOf } from '../lib/core/dates';
import { taskPollInputFields, taskPollOptions } from '../lib/tasks/fields';
import { pollTasks } from '../lib/tasks/poll';

const inputFields = taskPollInputFields(
  "Only this contact's tasks. Leave empty to watch the open tasks of the whole sub-account.",
);

export const perform = (async (z, bundle) => {
  const options = taskPollOptions(z, bundle.inputData);
  const tasks = await pollTasks(z, bundle, {
    ...options,
    completed: options.contactId === undefined ? false : undefined,
    time: (task) => timestampOf(task.dateAdded) ?? timestampOf(task.dateUpdated),
  });
  return tasks.map((task) => normaliseTask(task, options.contactId));
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_task',
  noun: 'Task',
  display: {
    label: 'New Task',
    description: 'Triggers when a new task is created.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: taskSample,
    outputFields: [...taskOutputFields],
  },
});
