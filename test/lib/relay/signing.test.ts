import { createHmac } from 'node:crypto';
import { relaySignature, signedHeaders } from '../../../lib/relay/signing';

const SECRET = 'relay-test-secret-0123456789abcdef-XYZ';

describe('the app secret signature (docs/RELAY_CONTRACT.md §2)', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<METHOD>.<path>.<body>"', () => {
    const body = '{"trigger":"new_contact"}';
    const expected = createHmac('sha256', SECRET)
      .update(`1764810123.POST./v1/subscriptions.${body}`)
      .digest('hex');

    expect(
      relaySignature(SECRET, { timestamp: 1764810123, method: 'post', path: '/v1/subscriptions', body }),
    ).toBe(`v1=${expected}`);
  });

  it('signs an empty body for DELETE, and whole seconds', () => {
    const headers = signedHeaders(
      SECRET,
      { method: 'DELETE', path: '/v1/subscriptions/sub_1', body: '' },
      1_764_810_123_987,
    );

    expect(headers).toEqual({
      'X-Relay-Timestamp': '1764810123',
      'X-Relay-Signature': `v1=${createHmac('sha256', SECRET).update('1764810123.DELETE./v1/subscriptions/sub_1.').digest('hex')}`,
    });
  });

  it('differs when any part differs', () => {
    const base = { timestamp: 1, method: 'POST', path: '/v1/subscriptions', body: '{}' };
    const signatures = new Set([
      relaySignature(SECRET, base),
      relaySignature(SECRET, { ...base, timestamp: 2 }),
      relaySignature(SECRET, { ...base, path: '/v1/subscriptions?x=1' }),
      relaySignature(SECRET, { ...base, body: '{ }' }),
      relaySignature(`${SECRET}!`, base),
    ]);
    expect(signatures.size).toBe(5);
  });
});
