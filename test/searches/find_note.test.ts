import App from '../../index';
import findNote, { perform } from '../../searches/find_note';
import { appTester, caught, highlevel, makeBundle } from '../helpers';
import { CONTACT_ID, refused, staticFields } from './fixtures';

const rawNote = (id: string, body: string, dateAdded?: string) => ({
  id,
  body,
  userId: 'y0BeYjuRIlDwsDcOHOJo',
  contactId: CONTACT_ID,
  title: 'Follow-up summary',
  color: '#FFAA00',
  pinned: false,
  ...(dateAdded ? { dateAdded } : {}),
});

describe('find_note', () => {
  it('is registered: a required contact, an optional note dropdown and a text', () => {
    expect(App.searches?.find_note).toBe(findNote);
    expect(findNote.display.label).toBe('Find Note');
    const fields = staticFields(findNote.operation);
    expect(fields.map((field) => [field.key, field.required, field.dynamic])).toEqual([
      ['contactId', true, 'contact_list.id.label'],
      ['noteId', false, 'note_list.id.label'],
      ['text', false, undefined],
    ]);
  });

  it('reads a chosen note', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/notes/note1`)
      .reply(200, { note: rawNote('note1', 'Prefers calls after 5pm.', '2026-11-20T15:12:00.000Z') });
    expect(
      await appTester(perform, makeBundle({ contactId: CONTACT_ID, noteId: 'note1', text: 'ignored' })),
    ).toEqual([
      {
        id: 'note1',
        body: 'Prefers calls after 5pm.',
        userId: 'y0BeYjuRIlDwsDcOHOJo',
        contactId: CONTACT_ID,
        dateAdded: '2026-11-20T15:12:00.000+00:00',
      },
    ]);
    api.done();
  });

  it('returns [] for a chosen note that no longer exists (404)', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/notes/gone1`)
      .reply(404, { statusCode: 404, message: 'Note not found' });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, noteId: 'gone1' }))).toEqual([]);
    api.done();
  });

  it('finds notes containing the text (case and spacing ignored, HTML tags ignored), newest first', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/notes`)
      .reply(200, {
        notes: [
          rawNote('older', 'Asked about the PREMIUM plan.', '2026-11-01T10:00:00.000Z'),
          rawNote('unrelated', 'Left a voicemail.', '2026-11-25T10:00:00.000Z'),
          rawNote('html', '<p>Wants the <b>premium</b>   plan</p>', '2026-11-22T10:00:00.000Z'),
          rawNote('undated', 'premium plan again'),
        ],
      });
    const result = await appTester(perform, makeBundle({ contactId: CONTACT_ID, text: 'Premium Plan' }));
    expect(result.map((note) => note.id)).toEqual(['html', 'older', 'undated']);
    expect(result[0]).toEqual({
      id: 'html',
      body: '<p>Wants the <b>premium</b>   plan</p>',
      userId: 'y0BeYjuRIlDwsDcOHOJo',
      contactId: CONTACT_ID,
      dateAdded: '2026-11-22T10:00:00.000+00:00',
    });
    api.done();
  });

  it('returns [] when no note matches', async () => {
    const api = highlevel()
      .get(`/contacts/${CONTACT_ID}/notes`)
      .reply(200, { notes: [rawNote('n', 'Left a voicemail.')] });
    expect(await appTester(perform, makeBundle({ contactId: CONTACT_ID, text: 'premium' }))).toEqual([]);
    api.done();
  });

  it('returns [] when the contact does not exist (404)', async () => {
    const api = highlevel()
      .get('/contacts/gone/notes')
      .reply(404, { statusCode: 404, message: 'Contact not found' });
    expect(await appTester(perform, makeBundle({ contactId: 'gone', text: 'premium' }))).toEqual([]);
    api.done();
  });

  it("passes HighLevel's 422 messages on", async () => {
    highlevel()
      .get(`/contacts/${CONTACT_ID}/notes`)
      .reply(422, { statusCode: 422, message: ['contactId must be valid'], error: 'Unprocessable Entity' });
    expect(await caught(appTester(perform, makeBundle({ contactId: CONTACT_ID, text: 'x' })))).toMatchObject({
      code: 'validation_failed',
      message: 'HighLevel rejected the request: contactId must be valid.',
    });
  });

  describe('validation: a plain error and no request', () => {
    it.each([
      [{ text: 'premium' }, 'Contact is required.'],
      [{ contactId: CONTACT_ID }, 'Choose a Note or fill in Text to find a note.'],
      [{ contactId: CONTACT_ID, noteId: '', text: ' ' }, 'Choose a Note or fill in Text to find a note.'],
      [
        { contactId: CONTACT_ID, noteId: 'x/../y' },
        'Note must be a HighLevel ID (letters, digits, - or _); choose it from the dropdown (got "x/../y").',
      ],
    ])('%j', async (inputData, message) => {
      expect(await refused(() => appTester(perform, makeBundle(inputData)))).toEqual({
        message,
        code: 'invalid_input',
        sent: false,
      });
    });
  });
});
