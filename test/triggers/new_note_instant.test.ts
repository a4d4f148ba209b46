import trigger from '../../triggers/new_note_instant';
import { highlevel, requestGuard, sentAny } from '../helpers';
import {
  delivery,
  DELIVERY_ID,
  expectUnsubscribeWithoutToken,
  hookBundle,
  keysOf,
  runHook,
  subscribedBody,
  useRelayEnv,
} from '../lib/relay/fixtures';
import { searchContact } from './fixtures';

useRelayEnv();

const documented = {
  id: 'n1',
  body: 'Prefers email.',
  contactId: 'c1',
  dateAdded: '2026-12-04T01:01:00.000Z',
};
const added = (event: Record<string, unknown>) => delivery('new_note', 'NoteCreate', event);

describe('new_note_instant', () => {
  it('subscribes for the whole sub-account, or one contact', async () => {
    expect(await subscribedBody(trigger, {})).toMatchObject({ trigger: 'new_note', filters: {} });
    expect((await subscribedBody(trigger, { contactId: 'c1' })).filters).toEqual({ contactId: 'c1' });
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented NoteCreate on any contact: the note from the webhook, no request', async () => {
    const guard = requestGuard();

    expect(await runHook(trigger, 'perform', hookBundle({}, added(documented)))).toEqual([
      {
        id: DELIVERY_ID,
        noteId: 'n1',
        body: 'Prefers email.',
        userId: null,
        contactId: 'c1',
        dateAdded: '2026-12-04T01:01:00.000+00:00',
      },
    ]);
    expect(sentAny(guard)).toBe(false);
  });

  it('a sparse NoteCreate (id and contact only)', async () => {
    expect(await runHook(trigger, 'perform', hookBundle({}, added({ id: 'n2', contactId: 'c1' })))).toEqual([
      { id: DELIVERY_ID, noteId: 'n2', body: null, userId: null, contactId: 'c1', dateAdded: null },
    ]);
  });

  it("another contact's note fires nothing when a contact is chosen", async () => {
    expect(await runHook(trigger, 'perform', hookBundle({ contactId: 'c2' }, added(documented)))).toEqual([]);
  });

  it("performList with a contact: New Note's sample, with the same keys as a fire", async () => {
    highlevel()
      .get('/contacts/c1/notes')
      .reply(200, { notes: [{ id: 'n9', body: 'Hi', dateAdded: '2026-12-01T10:00:00.000Z' }] });

    const listed = await runHook(trigger, 'performList', hookBundle({ contactId: 'c1' }, undefined));
    const fired = await runHook(trigger, 'perform', hookBundle({ contactId: 'c1' }, added(documented)));

    expect(listed.map((item) => [item.id, item.noteId, item.contactId])).toEqual([['n9', 'n9', 'c1']]);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });

  it('performList without a contact: the notes of the most recently updated contact that has some', async () => {
    highlevel()
      .post('/contacts/search', (body) => body.pageLimit === 3)
      .reply(200, { contacts: [searchContact('s1', 60_000), searchContact('s2', 120_000)] });
    highlevel().get('/contacts/s1/notes').reply(200, { notes: [] });
    highlevel()
      .get('/contacts/s2/notes')
      .reply(200, { notes: [{ id: 'n8', body: 'Hello', dateAdded: '2026-12-01T10:00:00.000Z' }] });

    const listed = await runHook(trigger, 'performList', hookBundle({}, undefined));

    expect(listed.map((item) => [item.noteId, item.contactId])).toEqual([['n8', 's2']]);
  });
});
