/**
 * Task Completed: a task seen open and then completed after the Zap was turned on; every completion is its
 * own event (`<task id>:completed:<generation>.<n>`), so a task reopened and completed again triggers again.
 * The task's own id is in `taskId`. The rules: docs/TASK_TRIGGERS.md §3–§5.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { taskOutputFields, taskSample } from '../lib/tasks/model';
import { withEventId } from '../lib/core/polling';
import { taskPollInputFields, taskPollOptions } from '../lib/tasks/fields';
import { taskEventItems } from '../lib/tasks/poll';

const inputFields = taskPollInputFields(
  "Only this contact's tasks: none is missed. Leave empty to watch the whole sub-account; then a task created and completed between two checks doesn't trigger. The full rule: docs/TASK_TRIGGERS.md §5.",
);

export const perform = (async (z, bundle) =>
  taskEventItems(
    z,
    bundle,
    taskPollOptions(z, bundle.inputData),
    'completed',
  )) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'task_completed',
  noun: 'Task',
  display: {
    label: 'Task Completed',
    description:
      'Triggers when a task is marked completed. A task reopened and completed again triggers again; edits do not trigger.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: {
      ...taskSample,
      id: `${taskSample.id}:completed:3f9a1c2e.1`,
      taskId: taskSample.id,
      completed: true,
    },
    outputFields: withEventId(taskOutputFields, { key: 'taskId', label: 'Task ID' }),
  },
});
