import { perform } from '../../triggers/user_list';
import { appTester, authData, caught, highlevel, LOCATION_ID, makeBundle } from '../helpers';

const COMPANY_ID = authData().companyId;
const search = (skip = '0') => ({ companyId: COMPANY_ID, locationId: LOCATION_ID, limit: '100', skip });

describe('user_list', () => {
  it('lists the users from GET /users/search (companyId from the connection), alphabetically, "Name (email)"', async () => {
    const scope = highlevel()
      .get('/users/search')
      .query(search())
      .reply(200, {
        users: [
          { id: 'u2', name: 'zoe Adams', email: 'zoe@example.com' },
          { id: 'u1', firstName: 'Amy', lastName: 'Santiago', email: 'amy@example.com' },
          { id: 'u3' },
        ],
        count: 3,
      });

    expect(await appTester(perform, makeBundle({}))).toEqual([
      { id: 'u1', label: 'Amy Santiago (amy@example.com)' },
      { id: 'u3', label: 'u3' },
      { id: 'u2', label: 'zoe Adams (zoe@example.com)' },
    ]);
    scope.done();
  });

  it('reads every page when the sub-account has more users than one page holds', async () => {
    const page = (from: number, size: number) =>
      Array.from({ length: size }, (_, index) => ({ id: `u${String(from + index).padStart(3, '0')}` }));
    const scope = highlevel()
      .get('/users/search')
      .query(search('0'))
      .reply(200, { users: page(0, 100), count: 130 })
      .get('/users/search')
      .query(search('100'))
      .reply(200, { users: page(100, 30), count: 130 });
    const choices = await appTester(perform, makeBundle({}));
    expect(choices).toHaveLength(130);
    scope.done();
  });

  it('falls back to the deprecated GET /users/ for a connection without a companyId', async () => {
    const scope = highlevel()
      .get('/users/')
      .query({ locationId: LOCATION_ID })
      .reply(200, { users: [{ id: 'u1', name: 'Amy' }] });
    expect(await appTester(perform, makeBundle({}, {}, { companyId: '' }))).toEqual([
      { id: 'u1', label: 'Amy' },
    ]);
    scope.done();
  });

  it('is one list: a further page is empty, without a request', async () => {
    const scope = highlevel()
      .get('/users/search')
      .query(true)
      .reply(200, { users: [{ id: 'u1' }] });

    expect(await appTester(perform, makeBundle({}, { page: 1 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });

  it.each([401, 403])('names the missing permission (%i, as HighLevel answers it)', async (status) => {
    highlevel()
      .get('/users/search')
      .query(true)
      .reply(status, { statusCode: status, message: 'The token is not authorized for this scope.' });
    expect(await caught(appTester(perform, makeBundle({})))).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('the "View Users" permission (users.readonly)'),
    });
  });
});
