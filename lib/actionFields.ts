/**
 * Inputs and request bodies shared by the task, note and delete actions: CreateTaskParams / UpdateTaskBody
 * and NotesDTO / UpdateNoteDTO of contacts.json, validated, empty fields dropped, only keys the DTO lists.
 */
import type { ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { userError } from './errors';
import { assignedUserField } from './fields';
import type { NoteBody, TaskCreateBody, TaskUpdateBody } from './highlevel';
import {
  definedOnly,
  optionalBoolean,
  optionalDateTime,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  textList,
} from './validation';

/** The `copy` field of every delete action (ZAPIER.md: deletions warn that they are permanent). */
export const deletionWarningField = (what: string) =>
  defineInputField({
    key: 'deletionWarning',
    type: 'copy',
    helpText: `**Warning:** this permanently deletes the ${what} in HighLevel. It cannot be undone.`,
  });

/** What a delete action returns: the id that was deleted, labelled, never a bare "success". */
export const deletedOutputFields = (idLabel: string) => [
  { key: 'id', label: idLabel, type: 'string' as const },
  { key: 'deleted', label: 'Deleted', type: 'boolean' as const },
];

/**
 * `{id, deleted: true}` for a delete HighLevel confirmed. HIGHLEVEL.md §5: the flag is spelt `succeded`;
 * an explicit `false` (never seen, but possible by the schema) must not be reported as a deletion.
 */
export const confirmDeleted = (z: ZObject, result: { succeded?: boolean }, what: string, id: string) => {
  if (result.succeded === false) {
    throw userError(
      z,
      `HighLevel did not confirm that the ${what} "${id}" was deleted. Check it in HighLevel before trying again.`,
      'unexpected_response',
    );
  }
  return { id, deleted: true as const };
};

// ---------------------------------------------------------------------------------------------------------
// Tags

/** Add / Remove Tags: the contact and at least one tag (TagsDTO requires `tags`). */
export const readTagChange = (z: ZObject, input: Record<string, unknown>) => {
  const contactId = requiredId(z, input.contactId, 'Contact');
  const tags = textList(input.tags);
  if (tags.length === 0)
    throw userError(z, 'Tags is required: choose or type at least one tag.', 'invalid_input');
  return { contactId, tags };
};

/**
 * What a tag action returns. `tags` is HighLevel's answer (TagsDTO response: the contact's tags after the
 * change); null if it sent none, rather than guessing.
 */
export const tagChangeOutput = (contactId: string, result: { tags?: string[] }) => ({
  id: contactId,
  tags: result.tags ?? null,
});

// ---------------------------------------------------------------------------------------------------------
// Tasks

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

// ---------------------------------------------------------------------------------------------------------
// Notes

export const noteFields = [
  defineInputField({ key: 'body', label: 'Note Text', type: 'text', required: true }),
  defineInputField({
    ...assignedUserField,
    key: 'userId',
    label: 'Author',
    helpText: 'The user of the sub-account shown as the author of the note.',
  }),
] as const;

/** NotesDTO / UpdateNoteDTO with the two keys this integration offers. */
export const buildNoteBody = (z: ZObject, input: Record<string, unknown>): NoteBody =>
  definedOnly({
    body: requiredText(z, input.body, 'Note Text'),
    userId: optionalId(z, input.userId, 'Author'),
  });
