/**
 * New Task: a task seen for the first time after the Zap was turned on, in the whole sub-account (its open
 * tasks, read whole: the search has no documented order) or on one contact (all its tasks). The rules, and
 * what HighLevel makes impossible: docs/TASK_TRIGGERS.md §3–§5.
 */
import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { taskOutputFields, taskSample } from '../lib/tasks/model';
import { taskPollInputFields, taskPollOptions } from '../lib/tasks/fields';
import { taskEventItems } from '../lib/tasks/poll';

const inputFields = taskPollInputFields(
  "Only this contact's tasks: none is missed. Leave empty to watch the whole sub-account; then a task created and completed between two checks doesn't trigger. The full rule: docs/TASK_TRIGGERS.md §5.",
);

export const perform = (async (z, bundle) =>
  taskEventItems(z, bundle, taskPollOptions(z, bundle.inputData), 'created')) satisfies PollingTriggerPerform<
  typeof inputFields
>;

export default defineTrigger({
  key: 'new_task',
  noun: 'Task',
  display: {
    label: 'New Task',
    description:
      'Triggers when a new task is created. Each task triggers once; edits, completion and reopening do not trigger.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: taskSample,
    outputFields: [...taskOutputFields],
  },
});
