/** The note endpoints (contacts.json, HIGHLEVEL.md §8): the body we send and one function per call. */
import type { ZObject } from 'zapier-platform-core';
import { deletedSchema } from '../core/deletion';
import { nullIfNotFound } from '../core/errors';
import { apiPath, quoted, send } from '../core/request';
import { lazySchema } from '../core/schema';
import { noteSchema } from './model';

export interface NoteBody {
  body: string;
  userId?: string;
}

const noteEnvelope = lazySchema((zod) => zod.object({ note: noteSchema() }));
const notesEnvelope = lazySchema((zod) => zod.object({ notes: zod.array(noteSchema()) }));

export const listContactNotes = async (z: ZObject, contactId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/notes`,
      schema: notesEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
  ).notes;

export const findNoteById = async (z: ZObject, contactId: string, noteId: string) =>
  (
    await nullIfNotFound(
      send(z, {
        method: 'GET',
        path: apiPath`/contacts/${contactId}/notes/${noteId}`,
        schema: noteEnvelope(),
        scope: 'contacts.readonly',
        resource: quoted('note', noteId),
      }),
    )
  )?.note ?? null;

export const createNote = async (z: ZObject, contactId: string, body: NoteBody) =>
  (
    await send(z, {
      method: 'POST',
      path: apiPath`/contacts/${contactId}/notes`,
      body,
      schema: noteEnvelope(),
      scope: 'contacts.write',
      resource: quoted('contact', contactId),
    })
  ).note;

export const updateNote = async (z: ZObject, contactId: string, noteId: string, body: NoteBody) =>
  (
    await send(z, {
      method: 'PUT',
      path: apiPath`/contacts/${contactId}/notes/${noteId}`,
      body,
      schema: noteEnvelope(),
      scope: 'contacts.write',
      resource: quoted('note', noteId),
    })
  ).note;

export const deleteNote = async (z: ZObject, contactId: string, noteId: string) =>
  send(z, {
    method: 'DELETE',
    path: apiPath`/contacts/${contactId}/notes/${noteId}`,
    schema: deletedSchema(),
    scope: 'contacts.write',
    resource: quoted('note', noteId),
  });
