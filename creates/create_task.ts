import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildTaskCreateBody, taskFields } from '../lib/actionFields';
import { contactIdField } from '../lib/fields';
import { createTask } from '../lib/highlevel';
import { normaliseTask } from '../lib/models';
import { taskOutputFields, taskSample } from '../lib/outputs';
import { requiredId } from '../lib/validation';

const inputFields = defineInputFields([contactIdField, ...taskFields(true)]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const body = buildTaskCreateBody(z, bundle.inputData);
  return normaliseTask(await createTask(z, bundle, contactId, body), contactId);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_task',
  noun: 'Task',
  display: {
    label: 'Create Task',
    description: 'Creates a task on a contact.',
  },
  operation: {
    inputFields,
    perform,
    sample: taskSample,
    outputFields: [...taskOutputFields],
  },
});
