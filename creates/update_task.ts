import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildTaskUpdateBody, taskFields, taskIdField } from '../lib/tasks/fields';
import { contactIdField } from '../lib/contacts/fields';
import { updateTask } from '../lib/tasks/api';
import { normaliseTask, taskOutputFields, taskSample } from '../lib/tasks/model';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([contactIdField, taskIdField, ...taskFields(false)]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const taskId = requiredId(z, bundle.inputData.taskId, 'Task');
  const body = buildTaskUpdateBody(z, bundle.inputData);
  return normaliseTask(await updateTask(z, contactId, taskId, body), contactId);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'update_task',
  noun: 'Task',
  display: {
    label: 'Update Task',
    description: "Updates the fields you fill in on a contact's task; empty fields are left as they are.",
  },
  operation: {
    inputFields,
    perform,
    sample: taskSample,
    outputFields: [...taskOutputFields],
  },
});
