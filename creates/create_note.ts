import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { buildNoteBody, noteFields } from '../lib/actionFields';
import { contactIdField } from '../lib/fields';
import { createNote } from '../lib/highlevel';
import { normaliseNote } from '../lib/models';
import { noteOutputFields, noteSample } from '../lib/outputs';
import { requiredId } from '../lib/validation';

const inputFields = defineInputFields([contactIdField, ...noteFields]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const body = buildNoteBody(z, bundle.inputData);
  return normaliseNote(await createNote(z, bundle, contactId, body), contactId);
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
