import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildNoteBody, noteFields, noteIdField } from '../lib/notes/fields';
import { contactIdField } from '../lib/contacts/fields';
import { updateNote } from '../lib/notes/api';
import { normaliseNote, noteOutputFields, noteSample } from '../lib/notes/model';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([contactIdField, noteIdField, ...noteFields]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const noteId = requiredId(z, bundle.inputData.noteId, 'Note');
  const body = buildNoteBody(z, bundle.inputData);
  return normaliseNote(await updateNote(z, contactId, noteId, body), contactId);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'update_note',
  noun: 'Note',
  display: {
    label: 'Update Note',
    description: "Replaces the text of a contact's note.",
  },
  operation: {
    inputFields,
    perform,
    sample: noteSample,
    outputFields: [...noteOutputFields],
  },
});
