import { test as connectionTest } from '../authentication';
import { appTester, highlevel, LOCATION_ID, makeBundle } from './helpers';

it('reads the connected sub-account', async () => {
  const scope = highlevel()
    .get(`/locations/${LOCATION_ID}`)
    .reply(200, { location: { id: LOCATION_ID, name: 'Demo', timezone: 'America/New_York', country: 'US' } });
  const result = await appTester(connectionTest, makeBundle({}));
  expect(result).toEqual({ id: LOCATION_ID, name: 'Demo', timezone: 'America/New_York', country: 'US' });
  scope.done();
});
