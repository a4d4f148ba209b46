/**
 * The task's input fields and request bodies: CreateTaskParams / UpdateTaskBody of contacts.json,
 * validated, empty fields dropped, only keys the DTO lists; and the inputs of the task triggers.
 */
import type { ZObject } from 'zapier-platform-core';
import { defineInputField, defineInputFields } from 'zapier-platform-core';
import { userError } from '../core/errors';
import {
  definedOnly,
  optionalBoolean,
  optionalDateTime,
  optionalId,
  optionalText,
  requiredText,
} from '../core/validation';
import { contactChoiceField } from '../contacts/fields';
import { assignedUserField } from '../lookups/users';
import type { TaskCreateBody, TaskUpdateBody } from './api';

/** Key of the hidden dropdown trigger (triggers/task_list.ts). */
export const TASK_DROPDOWN = 'task_list';

export const taskIdField = defineInputField({
  key: 'taskId',
  label: 'Task',
  type: 'string',
  required: true,
  dynamic: `${TASK_DROPDOWN}.id.label`,
  dependsOn: ['contactId'],
  helpText: "One of the contact's tasks. Choose the contact first.",
});

export const taskFields = (required: boolean) =>
  [
    defineInputField({ key: 'title', label: 'Title', type: 'string', required }),
    defineInputField({
      key: 'dueDate',
      label: 'Due Date',
      type: 'datetime',
      required,
      helpText: 'When the task is due, e.g. 2026-12-31T17:00:00Z or "tomorrow at 5pm".',
    }),
    defineInputField({ key: 'body', label: 'Description', type: 'text', required: false }),
    defineInputField({
      ...assignedUserField,
      helpText: 'The user of the sub-account who should do the task.',
    }),
    defineInputField({
      key: 'completed',
      label: 'Completed',
      type: 'boolean',
      required: false,
      helpText: required
        ? 'Create the task as already completed. Defaults to No.'
        : 'Yes marks the task completed, No reopens it. Leave empty to keep it as it is.',
    }),
  ] as const;

const taskParts = (z: ZObject, input: Record<string, unknown>) => ({
  title: optionalText(input.title),
  body: optionalText(input.body),
  dueDate: optionalDateTime(z, input.dueDate, 'Due Date'),
  completed: optionalBoolean(z, input.completed, 'Completed'),
  assignedTo: optionalId(z, input.assignedTo, 'Assigned User'),
});

/** CreateTaskParams: `title`, `dueDate` and `completed` are required by HighLevel. */
export const buildTaskCreateBody = (z: ZObject, input: Record<string, unknown>): TaskCreateBody => {
  const parts = taskParts(z, input);
  const title = requiredText(z, input.title, 'Title');
  if (parts.dueDate === undefined) throw userError(z, 'Due Date is required.', 'invalid_input');
  return definedOnly({ ...parts, title, dueDate: parts.dueDate, completed: parts.completed ?? false });
};

/** UpdateTaskBody: only what the user filled; at least one field. */
export const buildTaskUpdateBody = (z: ZObject, input: Record<string, unknown>): TaskUpdateBody => {
  const body = definedOnly(taskParts(z, input));
  if (Object.keys(body).length === 0) {
    throw userError(z, 'Nothing to update: fill in at least one field of the task.', 'invalid_input');
  }
  return body;
};

/** Inputs of the task triggers: an optional contact (else the whole sub-account) and assignee. */
export const taskPollInputFields = (contactHelp: string) =>
  defineInputFields([
    { ...contactChoiceField, helpText: contactHelp },
    { ...assignedUserField, helpText: 'Only tasks assigned to this user.' },
  ]);

export const taskPollOptions = (z: ZObject, inputData: { contactId?: unknown; assignedTo?: unknown }) => ({
  contactId: optionalId(z, inputData.contactId, 'Contact'),
  assignedTo: optionalId(z, inputData.assignedTo, 'Assigned User'),
});
