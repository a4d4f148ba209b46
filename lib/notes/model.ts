/** The note of a contact (contacts.json, HIGHLEVEL.md §8): schema, normaliser, sample, output fields. */
import type { z as zod } from 'zod';
import { isoDateTime } from '../core/dates';
import { fieldSchemas, lazySchema, orNull } from '../core/schema';

export const noteSchema = lazySchema((zod) => {
  const { text, dateValue } = fieldSchemas();
  return zod.looseObject({
    id: zod.string().min(1),
    body: text,
    title: text,
    userId: text,
    contactId: text,
    dateAdded: dateValue,
  });
});
export type HighLevelNote = zod.infer<ReturnType<typeof noteSchema>>;

export interface Note {
  id: string;
  body: string | null;
  userId: string | null;
  contactId: string | null;
  dateAdded: string | null;
}

export const normaliseNote = (note: HighLevelNote, contactId?: string): Note => ({
  id: note.id,
  body: orNull(note.body),
  userId: orNull(note.userId),
  contactId: orNull(note.contactId) ?? contactId ?? null,
  dateAdded: isoDateTime(note.dateAdded),
});

export const noteSample = {
  id: 'hB9T2KpQ3xWmZ1vLc8Ds',
  body: 'Prefers to be contacted after 5pm.',
  userId: 'y0BeYjuRIlDwsDcOHOJo',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  dateAdded: '2026-11-20T15:12:00.000+00:00',
} satisfies Note;

export const noteOutputFields = [
  { key: 'id', label: 'Note ID', type: 'string' },
  { key: 'body', label: 'Note', type: 'string' },
  { key: 'userId', label: 'Author User ID', type: 'string' },
  { key: 'contactId', label: 'Contact ID', type: 'string' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' },
] as const;
