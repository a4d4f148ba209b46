/**
 * New Task, instant (docs/INSTANT_TRIGGERS.md §5): the relay delivers each TaskCreate of the sub-account; a task
 * whose webhook lacks its contact is filled in with one task search, then the Contact and Assigned User filters
 * apply. The output is the polling New Task's, `id` being the fire's id and the task's in `taskId`.
 */
import { withEventId } from '../lib/core/polling';
import { taskPollInputFields, taskPollOptions } from '../lib/tasks/fields';
import { taskFires } from '../lib/tasks/instant';
import { taskOutputFields, taskSample } from '../lib/tasks/model';
import { asFire, asSample, instantTrigger, ruleField, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';
import { perform as pollNewTasks } from './new_task';

const inputFields = [
  ruleField(
    'Triggers within seconds each time a task is created in the sub-account (on the chosen contact and for the chosen user, if any), even one completed right away.',
  ),
  ...taskPollInputFields("Only this contact's new tasks. Leave empty for every new task of the sub-account."),
];

export default instantTrigger({
  key: 'new_task_instant',
  relayTrigger: 'new_task',
  noun: 'Task',
  display: {
    label: 'New Task',
    description:
      'Triggers when a new task is created. Each task triggers once; edits, completion and reopening do not trigger.',
  },
  inputFields,
  filters: (z, inputData) => taskPollOptions(z, inputData),
  fromDelivery: (z, bundle, delivery, filters) => taskFires(z, bundle, delivery, filters),
  performList: async (z, bundle) =>
    (await asSample(pollNewTasks)(z, bundle)).map((task) => asFire(task, 'taskId')),
  sample: { ...taskSample, id: SAMPLE_DELIVERY_ID, taskId: taskSample.id },
  outputFields: withEventId(taskOutputFields, { key: 'taskId', label: 'Task ID' }),
});
