/** The app secret's HMAC on app → relay calls (contract §2). */
import { checkAppSignature, signRequest } from '../src/appAuth';
import { SECRET } from './support/kit';

const body = Buffer.from('{"a":1}');
const now = 1_800_000_000_000;
const ts = now / 1000;

describe('app signatures', () => {
  it('signs <ts>.<METHOD>.<path>.<body> as v1=<hex HMAC-SHA256>', () => {
    expect(signRequest('k'.repeat(32), 1, 'post', '/v1/subscriptions', '{}')).toMatch(/^v1=[0-9a-f]{64}$/);
    const signature = signRequest(SECRET, ts, 'POST', '/v1/subscriptions', body);
    expect(
      checkAppSignature(SECRET, { timestamp: String(ts), signature }, 'POST', '/v1/subscriptions', body, now),
    ).toEqual({
      ok: true,
      signature,
    });
  });

  it.each([
    ['missing', {}, 'The request is not signed.'],
    ['bad timestamp', { timestamp: '12a', signature: 'v1=00' }, 'The request timestamp is not valid.'],
    [
      'stale',
      { timestamp: String(ts - 301), signature: 'v1=00' },
      "The request timestamp is too far from the relay's clock.",
    ],
    [
      'future',
      { timestamp: String(ts + 301), signature: 'v1=00' },
      "The request timestamp is too far from the relay's clock.",
    ],
    [
      'wrong',
      { timestamp: String(ts), signature: signRequest(SECRET, ts, 'DELETE', '/v1/subscriptions', body) },
      'The request signature is not valid.',
    ],
  ])('refuses a %s signature', (_name, headers, error) => {
    expect(checkAppSignature(SECRET, headers, 'POST', '/v1/subscriptions', body, now)).toEqual({
      ok: false,
      error,
    });
  });
});
