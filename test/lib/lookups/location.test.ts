/**
 * lib/lookups/location.ts: the connected sub-account as the connection test shows it.
 */
import { normaliseLocation } from '../../../lib/lookups/location';

const LOCATION_ID = 've9EPM428h8vShlRW1KT';

describe('location', () => {
  it('normaliseLocation keeps only what the integration shows', () => {
    expect(
      normaliseLocation({
        id: LOCATION_ID,
        name: 'Demo',
        timezone: 'Europe/Berlin',
        country: 'DE',
        email: 'x@y.z',
      }),
    ).toEqual({ id: LOCATION_ID, name: 'Demo', timezone: 'Europe/Berlin', country: 'DE' });
  });
});
