/**
 * Hidden dropdown of one contact's tasks (GET /contacts/:id/tasks), newest first. The contact comes from the
 * form's Contact field (`dependsOn: ['contactId']`); without one, or for a contact that no longer exists,
 * the list is empty.
 */
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { TASK_DROPDOWN } from '../lib/tasks/fields';
import { nullIfNotFound } from '../lib/core/errors';
import { listContactTasks } from '../lib/tasks/api';
import { calendarDate, timestampOf } from '../lib/core/dates';
import { contactChoiceField } from '../lib/contacts/fields';
import { oneLine, wholeListPage } from '../lib/core/dropdowns';
import { newestFirst } from '../lib/core/polling';
import { optionalId } from '../lib/core/validation';

const inputFields = defineInputFields([contactChoiceField]);

export const perform = (async (z, bundle) => {
  const contactId = optionalId(z, bundle.inputData.contactId, 'Contact');
  if (contactId === undefined) return [];
  return wholeListPage(bundle, async () => {
    const tasks = (await nullIfNotFound(listContactTasks(z, contactId))) ?? [];
    return newestFirst(tasks, (task) => timestampOf(task.dateAdded) ?? timestampOf(task.dueDate)).map(
      (task) => {
        const due = calendarDate(task.dueDate);
        const status = [due ? `due ${due}` : undefined, task.completed ? 'completed' : undefined].filter(
          Boolean,
        );
        const title = oneLine(task.title ?? '') || 'Untitled task';
        return { id: task.id, label: status.length > 0 ? `${title} (${status.join(', ')})` : title };
      },
    );
  });
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: TASK_DROPDOWN,
  noun: 'Task',
  display: {
    label: 'List of Tasks',
    description: "Triggers when a contact's task is listed, to fill task dropdowns.",
    hidden: true,
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
  },
});
