import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildNoteBody, noteFields } from '../lib/actionFields';
import { contactIdField, noteIdField } from '../lib/fields';
import { updateNote } from '../lib/highlevel';
import { normaliseNote } from '../lib/models';
import { noteOutputFields, noteSample } from '../lib/outputs';
import { requiredId } from '../lib/validation';

const inputFields = defineInputFields([contactIdField, noteIdField, ...noteFields]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const noteId = requiredId(z, bundle.inputData.noteId, 'Note');
  const body = buildNoteBody(z, bundle.inputData);
  return normaliseNote(await updateNote(z, bundle, contactId, noteId, body), contactId);
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
