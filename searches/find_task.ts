/**
 * Find Task: one contact's task, chosen from the dropdown (GET …/tasks/{taskId}) or matched by title in the
 * contact's task list (GET …/tasks; HIGHLEVEL.md §8, no server-side filter). Matching is case-insensitive
 * "contains"; the best match comes first: an exact title before a partial one, open tasks before completed
 * ones, then the latest due date (the spec gives tasks no creation date). One request.
 */
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { userError } from '../lib/core/errors';
import { contactIdField } from '../lib/contacts/fields';
import { taskIdField } from '../lib/tasks/fields';
import { findTaskById, listContactTasks } from '../lib/tasks/api';
import { timestampOf } from '../lib/core/dates';
import { chosenOrMatching, comparing, containsText, foldText } from '../lib/core/matching';
import { normaliseTask, type Task, taskOutputFields, taskSample } from '../lib/tasks/model';
import { optionalId, optionalText, requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([
  contactIdField,
  {
    ...taskIdField,
    required: false,
    helpText: "One of the contact's tasks (choose the contact first). When set, Title is not used.",
  },
  {
    key: 'title',
    label: 'Title',
    type: 'string',
    required: false,
    helpText: 'Text the task title contains (not case-sensitive). Open tasks are preferred.',
  },
]);

const rank = (title: string) =>
  comparing<Task>(
    (task) => (foldText(task.title ?? '') === title ? 0 : 1),
    (task) => (task.completed ? 1 : 0),
    (task) => -(timestampOf(task.dueDate) ?? -Infinity),
  );

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const taskId = optionalId(z, bundle.inputData.taskId, 'Task');
  const title = optionalText(bundle.inputData.title);
  if (taskId === undefined && title === undefined) {
    throw userError(z, 'Choose a Task or fill in a Title to find a task.', 'invalid_input');
  }
  const wanted = foldText(title ?? '');
  return chosenOrMatching({
    chosen: taskId === undefined ? undefined : () => findTaskById(z, contactId, taskId),
    list: () => listContactTasks(z, contactId),
    matches: (task) => containsText(task.title, wanted),
    normalise: (task) => normaliseTask(task, contactId),
    order: rank(wanted),
  });
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_task',
  noun: 'Task',
  display: {
    label: 'Find Task',
    description: "Finds one of a contact's tasks by title.",
  },
  operation: {
    inputFields,
    perform,
    sample: taskSample,
    outputFields: [...taskOutputFields],
  },
});
