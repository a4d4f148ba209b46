import { perform } from '../../triggers/note_list';
import { appTester, highlevel, makeBundle } from '../helpers';

describe('note_list', () => {
  it("lists the contact's notes newest first, by title or first words, with the date", async () => {
    const long = `Prefers to be contacted after 5pm ${'and more '.repeat(10)}`;
    const scope = highlevel()
      .get('/contacts/c1/notes')
      .reply(200, {
        notes: [
          { id: 'n1', body: long, dateAdded: '2026-11-20T10:00:00.000Z' },
          { id: 'n2', title: 'Summary', body: 'ignored', dateAdded: '2026-11-21T10:00:00.000Z' },
          { id: 'n3', body: '' },
        ],
      });

    const result = await appTester(perform, makeBundle({ contactId: 'c1' }));

    expect(result).toEqual([
      { id: 'n2', label: 'Summary (2026-11-21)' },
      { id: 'n1', label: `${long.slice(0, 59)}… (2026-11-20)` },
      { id: 'n3', label: 'Empty note' },
    ]);
    scope.done();
  });

  it('is empty without a contact and on a further page, without a request', async () => {
    const scope = highlevel()
      .get(/.*/)
      .reply(200, { notes: [{ id: 'n1', body: 'x' }] });

    expect(await appTester(perform, makeBundle({}))).toEqual([]);
    expect(await appTester(perform, makeBundle({ contactId: 'c1' }, { page: 1 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });
});
