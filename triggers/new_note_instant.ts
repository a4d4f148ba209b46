/**
 * New Note, instant (docs/INSTANT_TRIGGERS.md §6): the relay delivers each NoteCreate of the whole sub-account
 * (optionally one contact's); the note is output from the webhook as the polling New Note outputs it, with no
 * request, `id` being the fire's id and the note's in `noteId`.
 */
import { defineInputFields } from 'zapier-platform-core';
import { contactChoiceField } from '../lib/contacts/fields';
import { fromRecentContacts } from '../lib/contacts/instant';
import { withEventId } from '../lib/core/polling';
import { optionalId } from '../lib/core/validation';
import { normaliseNote, noteOutputFields, noteSample, noteSchema } from '../lib/notes/model';
import { userError } from '../lib/core/errors';
import { asFire, asSample, instantTrigger, ruleField, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';
import { perform as pollContactNotes } from './new_note';

const inputFields = defineInputFields([
  ruleField(
    'Triggers within seconds each time a note is added to any contact of the sub-account (or only to the chosen contact); edits and deletions do not trigger.',
  ),
  {
    ...contactChoiceField,
    helpText: 'Only notes added to this contact. Leave empty for every new note of the sub-account.',
  },
]);

export default instantTrigger({
  key: 'new_note_instant',
  relayTrigger: 'new_note',
  noun: 'Note',
  display: {
    label: 'New Note',
    description: 'Triggers when a new note is added to a contact. Edits and deletions do not trigger.',
  },
  inputFields,
  filters: (z, inputData) => ({ contactId: optionalId(z, inputData.contactId, 'Contact') }),
  fromDelivery: async (z, _bundle, delivery, { contactId }) => {
    const parsed = noteSchema().safeParse(delivery.event);
    if (!parsed.success) {
      throw userError(
        z,
        'The instant trigger received a note event without a usable note ID, so it did not trigger. If it keeps happening, please contact support.',
        'unexpected_response',
      );
    }
    const note = normaliseNote(parsed.data);
    if (contactId !== undefined && note.contactId !== contactId) return [];
    return [asFire(note, 'noteId', delivery.id)];
  },
  // One contact's notes as the polling trigger reads them; without a contact, a recent contact's notes.
  performList: async (z, bundle) => {
    const contactId = optionalId(z, bundle.inputData.contactId, 'Contact');
    const sample = asSample(pollContactNotes);
    const notes =
      contactId !== undefined
        ? await sample(z, bundle)
        : await fromRecentContacts(z, bundle, (id) => sample(z, { ...bundle, inputData: { contactId: id } }));
    return notes.map((note) => asFire(note, 'noteId'));
  },
  sample: { ...noteSample, id: SAMPLE_DELIVERY_ID, noteId: noteSample.id },
  outputFields: withEventId(noteOutputFields, { key: 'noteId', label: 'Note ID' }),
});
