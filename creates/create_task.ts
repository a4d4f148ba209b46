import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildTaskCreateBody, taskFields } from '../lib/tasks/fields';
import { contactIdField } from '../lib/contacts/fields';
import { createTask } from '../lib/tasks/api';
import { normaliseTask, taskOutputFields, taskSample } from '../lib/tasks/model';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([contactIdField, ...taskFields(true)]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const body = buildTaskCreateBody(z, bundle.inputData);
  return normaliseTask(await createTask(z, contactId, body), contactId);
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
