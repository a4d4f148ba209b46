import { perform } from '../../triggers/user_list';
import { appTester, highlevel, LOCATION_ID, makeBundle } from '../helpers';

describe('user_list', () => {
  it('lists the users alphabetically, labelled "Name (email)"', async () => {
    const scope = highlevel()
      .get('/users/')
      .query({ locationId: LOCATION_ID })
      .reply(200, {
        users: [
          { id: 'u2', name: 'zoe Adams', email: 'zoe@example.com' },
          { id: 'u1', firstName: 'Amy', lastName: 'Santiago', email: 'amy@example.com' },
          { id: 'u3' },
        ],
      });

    expect(await appTester(perform, makeBundle({}))).toEqual([
      { id: 'u1', label: 'Amy Santiago (amy@example.com)' },
      { id: 'u3', label: 'u3' },
      { id: 'u2', label: 'zoe Adams (zoe@example.com)' },
    ]);
    scope.done();
  });

  it('is one list: a further page is empty, without a request', async () => {
    const scope = highlevel()
      .get('/users/')
      .query(true)
      .reply(200, { users: [{ id: 'u1' }] });

    expect(await appTester(perform, makeBundle({}, { page: 1 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });
});
