import type { Bundle, ZObject } from 'zapier-platform-core';
import nock from 'nock';
import { httpSettings } from '../../../lib/config';
import { subscribe, unsubscribe, type RelayFilters } from '../../../lib/relay/client';
import { ACCESS_TOKEN, appTester, caught } from '../../helpers';
import {
  expectedSignature,
  RELAY_SECRET,
  relayReply,
  subscribeBundle,
  subscriptionAnswer,
  subscriptionBody,
  SUBSCRIPTION_ID,
  unsubscribeBundle,
  useRelayEnv,
} from './fixtures';

useRelayEnv();

const on = (filters: RelayFilters, bundle: object = subscribeBundle({})) =>
  appTester((z: ZObject, b: Bundle) => subscribe(z, b, 'new_contact', filters), bundle);
const off = (bundle: object = unsubscribeBundle()) =>
  appTester((z: ZObject, b: Bundle) => unsubscribe(z, b), bundle);

const savedDelays = httpSettings.readRetryDelaysMs;
afterEach(() => {
  httpSettings.readRetryDelaysMs = savedDelays;
});

describe('subscribe (POST /v1/subscriptions)', () => {
  it('sends the signed request with the access token, and returns the relay answer as subscribeData', async () => {
    const { scope, seen } = relayReply('POST', '/v1/subscriptions', 201, subscriptionAnswer('new_contact'));

    const result = await on({ tag: 'vip', assignedTo: undefined });

    expect(result).toEqual(subscriptionAnswer('new_contact'));
    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request.body).toBe(subscriptionBody('new_contact', { tag: 'vip' }));
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers.version).toBeUndefined();
    expect(Math.abs(Number(request.headers['x-relay-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(request.headers['x-relay-signature']).toBe(expectedSignature(request));
    scope.done();
  });

  it('signs the full path when RELAY_URL has a path prefix', async () => {
    process.env.RELAY_URL = 'https://relay.example.com/base/';
    const { seen } = relayReply('POST', '/base/v1/subscriptions', 201, subscriptionAnswer('new_contact'));

    await on({});

    expect(seen[0].path).toBe('/base/v1/subscriptions');
    expect(seen[0].body).toBe(subscriptionBody('new_contact', {}));
    expect(seen[0].headers['x-relay-signature']).toBe(expectedSignature(seen[0]));
  });

  it('asks for a refresh first when the token is about to expire (the relay checks it once)', async () => {
    const { scope } = relayReply('POST', '/v1/subscriptions', 201, subscriptionAnswer('new_contact'));
    const bundle = subscribeBundle({});
    bundle.authData.expires_at = String(Math.floor(Date.now() / 1000) + 30);

    const error = await caught(on({}, bundle));

    expect(error.name).toBe('RefreshAuthError');
    expect(scope.isDone()).toBe(false);
  });

  it('refuses a RELAY_URL over plain http to another machine, before any request', async () => {
    process.env.RELAY_URL = 'http://relay.example.com';
    const { scope } = relayReply(
      'POST',
      '/v1/subscriptions',
      201,
      subscriptionAnswer('new_contact'),
      'http://relay.example.com',
    );

    const error = await caught(on({}));

    expect(error.message).toBe(
      "Instant triggers are not set up correctly in this integration: RELAY_URL must use https (plain http is only allowed for a local sandbox). Please contact the integration's support.",
    );
    expect(scope.isDone()).toBe(false);
  });

  it('refuses a missing or short RELAY_SECRET without showing it, before any request', async () => {
    process.env.RELAY_SECRET = 'short-secret';
    const { scope } = relayReply('POST', '/v1/subscriptions', 201, subscriptionAnswer('new_contact'));

    const error = await caught(on({}));

    expect(error.message).toBe(
      "Instant triggers are not set up correctly in this integration: RELAY_SECRET is missing or shorter than 32 bytes. Please contact the integration's support.",
    );
    expect(error.raw).not.toContain('short-secret');
    expect(scope.isDone()).toBe(false);
  });

  it('relay down: a plain message, never a reconnect request, and no second POST', async () => {
    const scope = nock('https://relay.example.com')
      .post('/v1/subscriptions')
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    const error = await caught(on({}));

    expect(error).toMatchObject({
      name: 'AppError',
      code: 'network_error',
      message:
        'Could not reach the instant-trigger service, so it could not turn this Zap on. Please try again in a few minutes.',
    });
    scope.done();
  });

  it('401 (signature refused): a plain message that says nothing changed, no reconnect', async () => {
    relayReply('POST', '/v1/subscriptions', 401, { error: 'Bad signature.' });

    const error = await caught(on({}));

    expect(error.name).toBe('AppError');
    expect(error).toMatchObject({ code: 'http_error', status: 401 });
    expect(error.message).toContain("did not accept this integration's signature");
    expect(error.raw).not.toContain(RELAY_SECRET);
  });

  it('403 (a token of another sub-account): a plain message to check the connection, no reconnect', async () => {
    relayReply('POST', '/v1/subscriptions', 403, { error: 'The connection cannot read this sub-account.' });

    const error = await caught(on({}));

    expect(error).toMatchObject({
      name: 'AppError',
      code: 'forbidden',
      status: 403,
      message:
        'HighLevel told the instant-trigger service that this connection cannot read its sub-account, so the Zap was not turned on. Test the HighLevel connection in Zapier (it must be for the sub-account you want to watch), then turn the Zap on again.',
    });
  });

  it("400: the relay's own sentence, without the access token", async () => {
    relayReply('POST', '/v1/subscriptions', 400, {
      error: `Unknown filter "colour" (token ${ACCESS_TOKEN}).`,
    });

    const error = await caught(on({}));

    expect(error).toMatchObject({
      code: 'bad_request',
      message:
        'The instant-trigger service refused to turn this Zap on: Unknown filter "colour" (token [redacted]). Check the trigger\'s fields and try again.',
    });
  });

  it('502 (HighLevel unreachable from the relay): tried again, signed anew, then succeeds', async () => {
    httpSettings.readRetryDelaysMs = [10, 10];
    const first = relayReply('POST', '/v1/subscriptions', 502, { error: 'HighLevel is unreachable.' });
    const second = relayReply('POST', '/v1/subscriptions', 201, subscriptionAnswer('new_contact'));

    const result = await on({});

    expect(result).toEqual(subscriptionAnswer('new_contact'));
    expect(first.seen[0].headers['x-relay-signature']).not.toBe(second.seen[0].headers['x-relay-signature']);
    expect(second.seen[0].headers['x-relay-signature']).toBe(expectedSignature(second.seen[0]));
  });

  it('5xx every time: a plain message that nothing changed', async () => {
    httpSettings.readRetryDelaysMs = [];
    relayReply('POST', '/v1/subscriptions', 503, 'Service Unavailable');

    const error = await caught(on({}));

    expect(error).toMatchObject({
      code: 'server_error',
      message:
        'The instant-trigger service is not available right now (HTTP 503), so nothing changed. Please try to turn this Zap on again in a few minutes.',
    });
  });

  it('an answer without an id: a plain message', async () => {
    relayReply('POST', '/v1/subscriptions', 201, { ok: true });

    const error = await caught(on({}));

    expect(error.code).toBe('unexpected_response');
  });
});

describe('unsubscribe (DELETE /v1/subscriptions/:id)', () => {
  it('sends only the signature: no access token, empty body', async () => {
    const { scope, seen } = relayReply('DELETE', `/v1/subscriptions/${SUBSCRIPTION_ID}`, 200, {
      id: SUBSCRIPTION_ID,
      status: 'deleted',
    });

    const result = await off();

    expect(result).toEqual({ id: SUBSCRIPTION_ID, status: 'deleted' });
    expect(seen[0].headers.authorization).toBeUndefined();
    expect(seen[0].body).toBe('');
    expect(seen[0].headers['x-relay-signature']).toBe(expectedSignature(seen[0]));
    scope.done();
  });

  it('works after the connection expired (no refresh asked)', async () => {
    const { scope } = relayReply('DELETE', `/v1/subscriptions/${SUBSCRIPTION_ID}`, 200, {
      id: SUBSCRIPTION_ID,
      status: 'deleted',
    });

    const result = await off(unsubscribeBundle(true));

    expect(result).toEqual({ id: SUBSCRIPTION_ID, status: 'deleted' });
    scope.done();
  });

  it('404 (already gone) is done', async () => {
    relayReply('DELETE', `/v1/subscriptions/${SUBSCRIPTION_ID}`, 404, { error: 'Unknown subscription.' });

    expect(await off()).toEqual({ id: SUBSCRIPTION_ID, status: 'already_gone' });
  });

  it('no stored subscription: nothing to delete, no request', async () => {
    const result = await off({ ...unsubscribeBundle(), subscribeData: undefined });

    expect(result).toEqual({ id: null, status: 'nothing_to_delete' });
  });

  it('a network failure is tried again (deleting twice is harmless)', async () => {
    httpSettings.readRetryDelaysMs = [10];
    nock('https://relay.example.com')
      .delete(`/v1/subscriptions/${SUBSCRIPTION_ID}`)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    relayReply('DELETE', `/v1/subscriptions/${SUBSCRIPTION_ID}`, 200, {
      id: SUBSCRIPTION_ID,
      status: 'deleted',
    });

    expect(await off()).toEqual({ id: SUBSCRIPTION_ID, status: 'deleted' });
  });

  it('401: a plain message, not a reconnect request', async () => {
    relayReply('DELETE', `/v1/subscriptions/${SUBSCRIPTION_ID}`, 401, { error: 'Bad signature.' });

    const error = await caught(off());

    expect(error.name).toBe('AppError');
    expect(error.message).toContain('could not turn this Zap off');
  });
});
