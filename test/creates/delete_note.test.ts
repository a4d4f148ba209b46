import App from '../../index';
import deleteNote, { perform } from '../../creates/delete_note';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { CONTACT_ID, NOTE_ID, validationFailure } from './fixtures';

const path = `/contacts/${CONTACT_ID}/notes/${NOTE_ID}`;

describe('delete_note', () => {
  it('is registered with a note dropdown and a warning that the deletion is permanent', () => {
    expect(App.creates?.delete_note).toBe(deleteNote);
    expect(deleteNote.display.label).toBe('Delete Note');
    expect(deleteNote.operation.inputFields?.[1]).toMatchObject({
      key: 'noteId',
      dynamic: 'note_list.id.label',
    });
    expect(deleteNote.operation.inputFields).toContainEqual({
      key: 'deletionWarning',
      type: 'copy',
      helpText: '**Warning:** this permanently deletes the note in HighLevel. It cannot be undone.',
    });
  });

  it('sends DELETE /contacts/{id}/notes/{noteId} and outputs the deleted note id', async () => {
    const api = highlevel().delete(path).reply(200, { succeded: true });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, noteId: NOTE_ID }))).toEqual({
      id: NOTE_ID,
      deleted: true,
      contactId: CONTACT_ID,
    });
    api.done();
  });

  it('refuses a missing note before any request', async () => {
    const guard = requestGuard();
    const error = await caught(
      appTester(perform, makeBundle<Record<string, unknown>>({ contactId: CONTACT_ID })),
    );
    expect(error).toMatchObject({ code: 'invalid_input', message: 'Note is required.' });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the note does not exist (400 "Note not found")', async () => {
    highlevel().delete(path).reply(400, { statusCode: 400, message: 'Note not found' });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, noteId: NOTE_ID })));
    expect(error.message).toBe(`The note "${NOTE_ID}" was not found in this sub-account.`);
  });

  it('does not report an unconfirmed deletion, and passes on 422s', async () => {
    highlevel().delete(path).reply(200, { succeded: false });
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, noteId: NOTE_ID }))),
    ).toMatchObject({
      code: 'unexpected_response',
    });
    highlevel().delete(path).reply(422, validationFailure);
    expect(
      await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, noteId: NOTE_ID }))),
    ).toMatchObject({
      code: 'validation_failed',
    });
  });
});
