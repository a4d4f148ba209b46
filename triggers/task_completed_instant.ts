/**
 * Task Completed, instant (docs/INSTANT_TRIGGERS.md §5): the relay delivers each TaskComplete of the sub-account;
 * a task whose webhook lacks its contact is filled in with one task search, then the Contact and Assigned User
 * filters apply. The output is the polling Task Completed's, `id` being the fire's id and the task's in `taskId`.
 */
import { withEventId } from '../lib/core/polling';
import { taskPollInputFields, taskPollOptions } from '../lib/tasks/fields';
import { taskFires } from '../lib/tasks/instant';
import { taskOutputFields, taskSample } from '../lib/tasks/model';
import { asFire, asSample, instantTrigger, ruleField, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';
import { perform as pollCompletedTasks } from './task_completed';

const inputFields = [
  ruleField(
    'Triggers within seconds each time a task of the sub-account is marked completed (on the chosen contact and for the chosen user, if any); a task reopened and completed again triggers again.',
  ),
  ...taskPollInputFields("Only this contact's tasks. Leave empty for every task of the sub-account."),
];

export default instantTrigger({
  key: 'task_completed_instant',
  relayTrigger: 'task_completed',
  noun: 'Task',
  display: {
    label: 'Task Completed',
    description:
      'Triggers when a task is marked completed. A task reopened and completed again triggers again; edits do not trigger.',
  },
  inputFields,
  filters: (z, inputData) => taskPollOptions(z, inputData),
  fromDelivery: (z, bundle, delivery, filters) => taskFires(z, bundle, delivery, filters, true),
  performList: async (z, bundle) =>
    (await asSample(pollCompletedTasks)(z, bundle)).map((task) => asFire(task, 'taskId')),
  sample: { ...taskSample, id: SAMPLE_DELIVERY_ID, taskId: taskSample.id, completed: true },
  outputFields: withEventId(taskOutputFields, { key: 'taskId', label: 'Task ID' }),
});
