/** The note's input fields and request body: NotesDTO / UpdateNoteDTO of contacts.json. */
import type { ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { definedOnly, optionalId, requiredText } from '../core/validation';
import { assignedUserField } from '../lookups/users';
import type { NoteBody } from './api';

/** Key of the hidden dropdown trigger (triggers/note_list.ts). */
export const NOTE_DROPDOWN = 'note_list';

export const noteIdField = defineInputField({
  key: 'noteId',
  label: 'Note',
  type: 'string',
  required: true,
  dynamic: `${NOTE_DROPDOWN}.id.label`,
  dependsOn: ['contactId'],
  helpText: "One of the contact's notes. Choose the contact first.",
});

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
