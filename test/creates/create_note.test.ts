import App from '../../index';
import createNote, { perform } from '../../creates/create_note';
import { appTester, caught, highlevel, makeBundle, requestGuard, sentAny } from '../helpers';
import { apiNote, CONTACT_ID, noteOutput, USER_ID, validationFailure } from './fixtures';

const path = `/contacts/${CONTACT_ID}/notes`;

describe('create_note', () => {
  it('is registered as "Create Note" with the author as a user dropdown', () => {
    expect(App.creates?.create_note).toBe(createNote);
    expect(createNote.display.label).toBe('Create Note');
    expect(createNote.operation.inputFields?.[2]).toMatchObject({
      key: 'userId',
      label: 'Author',
      dynamic: 'user_list.id.label',
    });
  });

  it('sends POST /contacts/{id}/notes with NotesDTO keys only', async () => {
    const api = highlevel()
      .post(path, { body: 'Prefers email.', userId: USER_ID })
      .reply(201, { note: apiNote });
    const result = await appTester(
      perform,
      makeBundle({ contactId: CONTACT_ID, body: 'Prefers email.\n', userId: USER_ID }),
    );
    expect(result).toEqual(noteOutput);
    api.done();
  });

  it('leaves out an empty author', async () => {
    const api = highlevel()
      .post(path, { body: 'Hi' })
      .reply(201, { note: { ...apiNote, contactId: null } });
    const result = await appTester(perform, makeBundle({ contactId: CONTACT_ID, body: 'Hi', userId: '' }));
    expect(result).toMatchObject({ contactId: CONTACT_ID });
    api.done();
  });

  it.each([
    [{ contactId: CONTACT_ID, body: '  ' }, 'Note Text is required.'],
    [{ contactId: CONTACT_ID, body: 'Hi', userId: 'me@x' }, 'Author must be a HighLevel ID'],
  ])('refuses %j before any request', async (input, message) => {
    const guard = requestGuard();
    const error = await caught(appTester(perform, makeBundle<Record<string, unknown>>(input)));
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    expect(sentAny(guard)).toBe(false);
  });

  it('says plainly when the contact does not exist (404)', async () => {
    highlevel().post(path).reply(404, { statusCode: 404, message: 'Not found' });
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, body: 'Hi' })));
    expect(error.message).toBe(`The contact "${CONTACT_ID}" was not found in this sub-account.`);
  });

  it("passes on HighLevel's 422 messages", async () => {
    highlevel().post(path).reply(422, validationFailure);
    const error = await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, body: 'Hi' })));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: expect.stringContaining('property foo'),
    });
  });
});
