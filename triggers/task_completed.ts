/**
 * Task Completed: completed tasks of one contact (GET /contacts/:id/tasks, filtered here) or of the
 * sub-account (POST /locations/:id/tasks/search, `completed: true`), most recently updated first.
 *
 * The dedupe id is `<task id>:completed`, so each task fires once, when it is first seen completed; the real
 * id is in `taskId`. A task reopened and completed again does not fire a second time: HighLevel records no
 * completion time, and keying on `dateUpdated` instead would also fire whenever a completed task is edited.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { normaliseTask, taskOutputFields, taskSample } from '../lib/tasks/model';
import { timestampOf } from '../lib/core/dates';
import { withEventId } from '../lib/core/polling';
import { taskPollInputFields, taskPollOptions } from '../lib/tasks/fields';
import { pollTasks } from '../lib/tasks/poll';

const inputFields = taskPollInputFields(
  "Only this contact's tasks. Leave empty to watch every task of the sub-account.",
);

export const perform = (async (z, bundle) => {
  const options = taskPollOptions(z, bundle.inputData);
  const tasks = await pollTasks(z, bundle, {
    ...options,
    completed: true,
    time: (task) => timestampOf(task.dateUpdated) ?? timestampOf(task.dateAdded),
  });
  return tasks.map((task) => {
    const output = normaliseTask(task, options.contactId);
    return { ...output, id: `${output.id}:completed`, taskId: output.id };
  });
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'task_completed',
  noun: 'Task',
  display: {
    label: 'Task Completed',
    description: 'Triggers when a task is completed.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: { ...taskSample, id: `${taskSample.id}:completed`, taskId: taskSample.id, completed: true },
    outputFields: withEventId(taskOutputFields, { key: 'taskId', label: 'Task ID' }),
  },
});
