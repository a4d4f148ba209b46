import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { contactIdField } from '../lib/contacts/fields';
import { confirmDeleted, deletedOutputFields, deletionWarningField } from '../lib/core/deletion';
import { requiredId } from '../lib/core/validation';
import { deleteNote } from '../lib/notes/api';
import { noteIdField } from '../lib/notes/fields';

const inputFields = defineInputFields([contactIdField, noteIdField, deletionWarningField('note')]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const noteId = requiredId(z, bundle.inputData.noteId, 'Note');
  return { ...confirmDeleted(z, await deleteNote(z, contactId, noteId), 'note', noteId), contactId };
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'delete_note',
  noun: 'Note',
  display: {
    label: 'Delete Note',
    description: "Deletes a contact's note permanently.",
  },
  operation: {
    inputFields,
    perform,
    sample: { id: 'hB9T2KpQ3xWmZ1vLc8Ds', deleted: true, contactId: 'ocQHyuzHvysMo5N5VsXc' },
    outputFields: [
      ...deletedOutputFields('Note ID'),
      { key: 'contactId', label: 'Contact ID', type: 'string' },
    ],
  },
});
