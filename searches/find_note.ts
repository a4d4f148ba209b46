/**
 * Find Note: one contact's note, chosen from the dropdown (GET …/notes/{id}) or the newest note whose text
 * contains the given words (GET …/notes; HIGHLEVEL.md §8: no server-side filter, no pagination).
 * Matching is case-insensitive; HTML tags in a note body are ignored. One request.
 */
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { userError } from '../lib/core/errors';
import { contactIdField } from '../lib/contacts/fields';
import { noteIdField } from '../lib/notes/fields';
import { findNoteById, listContactNotes } from '../lib/notes/api';
import { timestampOf } from '../lib/core/dates';
import { chosenOrMatching, comparing, containsText, foldText } from '../lib/core/matching';
import {
  type HighLevelNote,
  normaliseNote,
  type Note,
  noteOutputFields,
  noteSample,
} from '../lib/notes/model';
import { optionalId, optionalText, requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([
  contactIdField,
  {
    ...noteIdField,
    required: false,
    helpText: "One of the contact's notes (choose the contact first). When set, Text is not used.",
  },
  {
    key: 'text',
    label: 'Text',
    type: 'string',
    required: false,
    helpText: 'Words the note contains (not case-sensitive). The newest matching note comes first.',
  },
]);

const withoutTags = (body: string) => body.replace(/<[^>]*>/g, ' ');

const matches = (note: HighLevelNote, wanted: string) =>
  containsText(note.body, wanted) || containsText(withoutTags(note.body ?? ''), wanted);

const newestFirst = comparing<Note>((note) => -(timestampOf(note.dateAdded) ?? -Infinity));

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const noteId = optionalId(z, bundle.inputData.noteId, 'Note');
  const text = optionalText(bundle.inputData.text);
  if (noteId === undefined && text === undefined) {
    throw userError(z, 'Choose a Note or fill in Text to find a note.', 'invalid_input');
  }
  const wanted = foldText(text ?? '');
  return chosenOrMatching({
    chosen: noteId === undefined ? undefined : () => findNoteById(z, contactId, noteId),
    list: () => listContactNotes(z, contactId),
    matches: (note) => matches(note, wanted),
    normalise: (note) => normaliseNote(note, contactId),
    order: newestFirst,
  });
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_note',
  noun: 'Note',
  display: {
    label: 'Find Note',
    description: "Finds one of a contact's notes by its text.",
  },
  operation: {
    inputFields,
    perform,
    sample: noteSample,
    outputFields: [...noteOutputFields],
  },
});
