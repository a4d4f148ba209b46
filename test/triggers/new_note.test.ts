import { perform } from '../../triggers/new_note';
import { appTester, caught, highlevel, makeBundle } from '../helpers';

const note = (id: string, dateAdded: string) => ({ id, body: `Note ${id}`, userId: 'user_1', dateAdded });

describe('new_note', () => {
  it("returns the contact's notes newest first", async () => {
    const scope = highlevel()
      .get('/contacts/c1/notes')
      .reply(200, {
        notes: [
          note('n1', '2026-11-20T10:00:00.000Z'),
          note('n3', '2026-11-22T10:00:00.000Z'),
          note('n2', '2026-11-21T10:00:00.000Z'),
        ],
      });

    const result = await appTester(perform, makeBundle({ contactId: 'c1' }));

    expect(result).toEqual([
      {
        id: 'n3',
        body: 'Note n3',
        userId: 'user_1',
        contactId: 'c1',
        dateAdded: '2026-11-22T10:00:00.000+00:00',
      },
      {
        id: 'n2',
        body: 'Note n2',
        userId: 'user_1',
        contactId: 'c1',
        dateAdded: '2026-11-21T10:00:00.000+00:00',
      },
      {
        id: 'n1',
        body: 'Note n1',
        userId: 'user_1',
        contactId: 'c1',
        dateAdded: '2026-11-20T10:00:00.000+00:00',
      },
    ]);
    scope.done();
  });

  it('shows the 3 newest as the sample', async () => {
    highlevel()
      .get('/contacts/c1/notes')
      .reply(200, {
        notes: ['01', '02', '03', '04', '05'].map((day) => note(`n${day}`, `2026-11-${day}T10:00:00.000Z`)),
      });

    const result = await appTester(perform, makeBundle({ contactId: 'c1' }, { isLoadingSample: true }));

    expect(result.map((item) => item.id)).toEqual(['n05', 'n04', 'n03']);
  });

  it('requires a contact, before any request', async () => {
    const scope = highlevel().get(/.*/).reply(200, { notes: [] });

    const error = await caught(appTester(perform, makeBundle({})));

    expect(error).toMatchObject({ code: 'invalid_input', message: 'Contact is required.' });
    expect(scope.isDone()).toBe(false);
  });
});
