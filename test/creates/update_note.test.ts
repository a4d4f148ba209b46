import App from '../../index';
import updateNote, { perform } from '../../creates/update_note';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiNote, CONTACT_ID, NOTE_ID, noteOutput, validationFailure } from './fixtures';

const path = `/contacts/${CONTACT_ID}/notes/${NOTE_ID}`;

describe('update_note', () => {
  it('is registered as "Update Note" with contact and note dropdowns', () => {
    expect(App.creates?.update_note).toBe(updateNote);
    expect(updateNote.display.label).toBe('Update Note');
    expect(updateNote.operation.inputFields?.[1]).toMatchObject({
      key: 'noteId',
      dynamic: 'note_list.id.label',
    });
  });

  it('sends PUT /contacts/{id}/notes/{noteId} with the new text', async () => {
    const api = highlevel().put(path, { body: 'Prefers email.' }).reply(200, { note: apiNote });
    const result = await appTester(
      perform,
      makeBundle({ contactId: CONTACT_ID, noteId: NOTE_ID, body: 'Prefers email.' }),
    );
    expect(result).toEqual(noteOutput);
    api.done();
  });

  it.each([
    [{ contactId: CONTACT_ID, noteId: NOTE_ID }, 'Note Text is required.'],
    [{ contactId: CONTACT_ID, body: 'x' }, 'Note is required.'],
    [{ contactId: CONTACT_ID, noteId: '%2e%2e', body: 'x' }, 'Note must be a HighLevel ID'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the note does not exist (404)', async () => {
    highlevel().put(path).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, noteId: NOTE_ID, body: 'x' })),
    );
    expect(error.message).toBe(`The note "${NOTE_ID}" was not found in this sub-account.`);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().put(path).reply(422, validationFailure);
    const error = await caught(
      appTester(perform, makeBundle({ contactId: CONTACT_ID, noteId: NOTE_ID, body: 'x' })),
    );
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property foo'),
    });
  });
});
