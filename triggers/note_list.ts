/**
 * Hidden dropdown of one contact's notes (GET /contacts/:id/notes), newest first, labelled by their title or
 * first words. The contact comes from the form's Contact field; without one the list is empty.
 */
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { NOTE_DROPDOWN } from '../lib/notes/fields';
import { nullIfNotFound } from '../lib/core/errors';
import { listContactNotes } from '../lib/notes/api';
import { calendarDate, timestampOf } from '../lib/core/dates';
import { contactChoiceField } from '../lib/contacts/fields';
import { oneLine, wholeListPage } from '../lib/core/dropdowns';
import { newestFirst } from '../lib/core/polling';
import { optionalId } from '../lib/core/validation';

const inputFields = defineInputFields([contactChoiceField]);

export const perform = (async (z, bundle) => {
  const contactId = optionalId(z, bundle.inputData.contactId, 'Contact');
  if (contactId === undefined) return [];
  return wholeListPage(bundle, async () => {
    const notes = (await nullIfNotFound(listContactNotes(z, contactId))) ?? [];
    return newestFirst(notes, (note) => timestampOf(note.dateAdded)).map((note) => {
      const text = oneLine(note.title || note.body || '', 60) || 'Empty note';
      const added = calendarDate(note.dateAdded);
      return { id: note.id, label: added ? `${text} (${added})` : text };
    });
  });
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: NOTE_DROPDOWN,
  noun: 'Note',
  display: {
    label: 'List of Notes',
    description: "Triggers when a contact's note is listed, to fill note dropdowns.",
    hidden: true,
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
  },
});
