import { perform } from '../../triggers/tag_list';
import { appTester, highlevel, LOCATION_ID, makeBundle } from '../helpers';

describe('tag_list', () => {
  it('lists the tags by name (the id is the name), alphabetically and once each', async () => {
    const scope = highlevel()
      .get(`/locations/${LOCATION_ID}/tags`)
      .reply(200, {
        tags: [
          { id: 't2', name: 'vip' },
          { id: 't1', name: 'lead' },
          { id: 't3', name: 'vip ' },
          { id: 't4', name: '  ' },
        ],
      });

    expect(await appTester(perform, makeBundle({}))).toEqual([
      { id: 'lead', label: 'lead' },
      { id: 'vip', label: 'vip' },
    ]);
    scope.done();
  });

  it('is one list: a further page is empty, without a request', async () => {
    const scope = highlevel()
      .get(`/locations/${LOCATION_ID}/tags`)
      .reply(200, { tags: [{ name: 'vip' }] });

    expect(await appTester(perform, makeBundle({}, { page: 1 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });
});
