import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildNoteBody, noteFields } from '../lib/notes/fields';
import { contactIdField } from '../lib/contacts/fields';
import { createNote } from '../lib/notes/api';
import { normaliseNote, noteOutputFields, noteSample } from '../lib/notes/model';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([contactIdField, ...noteFields]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const body = buildNoteBody(z, bundle.inputData);
  return normaliseNote(await createNote(z, contactId, body), contactId);
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'create_note',
  noun: 'Note',
  display: {
    label: 'Create Note',
    description: 'Adds a note to a contact.',
  },
  operation: {
    inputFields,
    perform,
    sample: noteSample,
    outputFields: [...noteOutputFields],
  },
});
