import { perform } from '../../triggers/business_list';
import { appTester, highlevel, LOCATION_ID, makeBundle } from '../helpers';

describe('business_list', () => {
  it('lists the businesses alphabetically by name', async () => {
    const scope = highlevel()
      .get('/businesses/')
      .query({ locationId: LOCATION_ID })
      .reply(200, {
        businesses: [{ id: 'b2', name: 'Nine-Nine' }, { id: 'b1', name: 'Acme' }, { id: 'b3' }],
      });

    expect(await appTester(perform, makeBundle({}))).toEqual([
      { id: 'b1', label: 'Acme' },
      { id: 'b3', label: 'b3' },
      { id: 'b2', label: 'Nine-Nine' },
    ]);
    scope.done();
  });

  it('is one list: a further page is empty, without a request', async () => {
    const scope = highlevel().get('/businesses/').query(true).reply(200, { businesses: [] });

    expect(await appTester(perform, makeBundle({}, { page: 3 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });
});
