import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildTaskUpdateBody, taskFields } from '../lib/actionFields';
import { contactIdField, taskIdField } from '../lib/fields';
import { updateTask } from '../lib/highlevel';
import { normaliseTask } from '../lib/models';
import { taskOutputFields, taskSample } from '../lib/outputs';
import { requiredId } from '../lib/validation';

const inputFields = defineInputFields([contactIdField, taskIdField, ...taskFields(false)]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const taskId = requiredId(z, bundle.inputData.taskId, 'Task');
  const body = buildTaskUpdateBody(z, bundle.inputData);
  return normaliseTask(await updateTask(z, bundle, contactId, taskId, body), contactId);
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
