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
  "Only this contact's new tasks: every check reads all of them, so a task created and completed between two checks still triggers. " +
    'Leave empty to watch the whole sub-account: there only open tasks are read, so a task created and completed between two checks (1 to 15 minutes apart) does not trigger, ' +
    'and a task completed before you turned the Zap on and reopened later counts as new unless HighLevel sends its creation date.',
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
