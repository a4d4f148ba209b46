/**
 * lib/contacts/phone.ts: phones in E.164 with the sub-account's country as default region, looked up only
 * when the number has no '+'.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { optionalPhone } from '../../../lib/contacts/phone';
import { getLocationCached } from '../../../lib/lookups/location';
import { API_URL, LOCATION_ID, appTester, caught, highlevel, makeBundle } from '../../helpers';

describe('phones', () => {
  const location = (country: string | null) => ({
    location: { id: LOCATION_ID, name: 'Demo', timezone: 'Europe/London', country },
  });
  const phone = (value: unknown, bundle = makeBundle({})) =>
    appTester((zz: ZObject, b: Bundle) => optionalPhone(zz, b, value, 'Mobile Phone'), bundle, true);

  it.each([
    ['+1 415-555-0123', '+14155550123'],
    ['+44 20 7946 0958', '+442079460958'],
    ['  +49 30 901820  ', '+4930901820'],
  ])('reads %j as %s without looking up the sub-account', async (value, e164) => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location('GB'));
    expect(await phone(value)).toBe(e164);
    expect(scope.isDone()).toBe(false);
  });

  it("reads a national number in the sub-account's country", async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location('GB'));
    expect(await phone('020 7946 0958')).toBe('+442079460958');
    scope.done();
  });

  it('reads a lower-case country code', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location('gb'));
    expect(await phone('020 7946 0958')).toBe('+442079460958');
    scope.done();
  });

  it.each([null, '', 'United States'])('falls back to US when the country is %j', async (country) => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location(country));
    expect(await phone('(415) 555-0123')).toBe('+14155550123');
    scope.done();
  });

  it('looks the sub-account up once for several numbers (cached)', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).once().reply(200, location('US'));
    const results = await appTester(
      async (zz: ZObject, b: Bundle) => [
        await optionalPhone(zz, b, '415 555 0123'),
        await optionalPhone(zz, b, '(415) 555-0199'),
        await getLocationCached(zz, b),
      ],
      makeBundle({}),
      true,
    );
    scope.done();
    expect(results).toEqual(['+14155550123', '+14155550199', location('US').location]);
  });

  it('refuses an impossible international number without any request', async () => {
    const error = await caught(phone('+1 555'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'Mobile Phone is not a valid phone number; use the international format, e.g. +14155550123 (got "+1 555").',
    );
  });

  it('refuses a national number that is not valid in the country, naming it', async () => {
    const scope = highlevel().get(`/locations/${LOCATION_ID}`).reply(200, location('US'));
    const error = await caught(phone('12345'));
    scope.done();
    expect(error.message).toBe(
      'Mobile Phone is not a valid phone number for US; use the international format, e.g. +14155550123 (got "12345").',
    );
  });

  it('refuses text that is far too long for a phone number, without any request', async () => {
    const error = await caught(phone('1'.repeat(41)));
    expect(error.message).toMatch(/^Mobile Phone is not a valid phone number \(got "1{41}"\)\.$/);
  });

  it('treats an empty phone as not given, without any request', async () => {
    expect(await phone('  ')).toBeUndefined();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reads a national number as US when the sub-account cannot be read (no locations.readonly)', async () => {
    const scope = nock(API_URL).get(`/locations/${LOCATION_ID}`).reply(403, {});
    await expect(phone('415 555 0123')).resolves.toBe('+14155550123');
    scope.done();
  });

  it('reports other failed sub-account lookups instead of guessing', async () => {
    const scope = nock(API_URL).get(`/locations/${LOCATION_ID}`).times(3).reply(500, {});
    const error = await caught(phone('415 555 0123'));
    scope.done();
    expect(error.code).toBe('server_error');
  });
});
