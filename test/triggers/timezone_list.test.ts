import { perform } from '../../triggers/timezone_list';
import { appTester, highlevel, LOCATION_ID, makeBundle } from '../helpers';

describe('timezone_list', () => {
  it.each([
    ['a bare list', ['America/New_York', 'Europe/Berlin', 'America/New_York']],
    ['a wrapped list', { timeZones: ['America/New_York', 'Europe/Berlin'] }],
  ])('lists IANA names (id = label) from %s', async (_shape, body) => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}/timezones`).reply(200, body);

    expect(await appTester(perform, makeBundle({}))).toEqual([
      { id: 'America/New_York', label: 'America/New_York' },
      { id: 'Europe/Berlin', label: 'Europe/Berlin' },
    ]);
    scope.done();
  });

  it('is one list: a further page is empty, without a request', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}/timezones`).reply(200, ['UTC']);

    expect(await appTester(perform, makeBundle({}, { page: 1 }))).toEqual([]);
    expect(scope.isDone()).toBe(false);
  });
});
