/**
 * New Note: a chosen contact's notes (GET /contacts/:id/notes), newest first by `dateAdded`. HighLevel has
 * no location-wide notes read, and fanning out over contacts burns the daily quota (HIGHLEVEL.md §8, §11).
 */
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listContactNotes } from '../lib/notes/api';
import { normaliseNote, noteOutputFields, noteSample } from '../lib/notes/model';
import { pollContactField } from '../lib/contacts/fields';
import { timestampOf } from '../lib/core/dates';
import { newestFirst, SAMPLE_PAGE_LIMIT, uniqueBy } from '../lib/core/polling';
import { requiredId } from '../lib/core/validation';

const inputFields = defineInputFields([
  { ...pollContactField, helpText: 'The contact whose new notes trigger.' },
]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const notes = newestFirst(
    uniqueBy(await listContactNotes(z, contactId), (note) => note.id),
    (note) => timestampOf(note.dateAdded),
  );
  return (bundle.meta.isLoadingSample ? notes.slice(0, SAMPLE_PAGE_LIMIT) : notes).map((note) =>
    normaliseNote(note, contactId),
  );
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_note',
  noun: 'Note',
  display: {
    label: 'New Note',
    description: 'Triggers when a new note is added to a contact.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: noteSample,
    outputFields: [...noteOutputFields],
  },
});
