/**
 * The emulated Zapier REST-hook side (scripts/lib/zapierHooks.ts, docs/HOOKS.md §2): a hook URL per Zap,
 * performSubscribe with bundle.targetUrl, perform with cleanedRequest/rawRequest for each POST (no dedupe), and
 * performUnsubscribe, after which the hook URL answers 410.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createRuntime, type AppDefinition, type Runtime } from '../../../scripts/lib/runtime';
import { EmulatedZapier } from '../../../scripts/lib/zapierHooks';

nock.enableNetConnect('127.0.0.1');

interface Seen {
  method: string;
  targetUrl?: string;
  subscribeData?: unknown;
  cleanedRequest?: unknown;
  rawRequest?: Bundle['rawRequest'];
  inputData: unknown;
  zapId?: unknown;
  access?: unknown;
}

const seen: Seen[] = [];
let refusals = 0;

/** A tiny app with one hook trigger that records what each step got. */
const app = {
  version: '1.0.0',
  platformVersion: '19.0.0',
  authentication: {
    type: 'oauth2',
    oauth2Config: {
      authorizeUrl: { url: 'http://127.0.0.1:1/authorize' },
      getAccessToken: () => ({}),
      refreshAccessToken: () => ({ access_token: 'fresh' }),
    },
    test: () => ({}),
  },
  triggers: {
    thing_instant: {
      key: 'thing_instant',
      noun: 'Thing',
      display: { label: 'New Thing', description: 'Triggers when a thing happens.' },
      operation: {
        type: 'hook',
        performSubscribe: (z: ZObject, bundle: Bundle) => {
          seen.push({
            method: 'subscribe',
            targetUrl: bundle.targetUrl,
            inputData: bundle.inputData,
            zapId: (bundle.meta as { zap?: { id?: unknown } }).zap?.id,
            access: bundle.authData.access_token,
          });
          if (refusals > 0) {
            refusals -= 1;
            throw new z.errors.RefreshAuthError('expired');
          }
          return { id: 'sub_1', target: bundle.targetUrl };
        },
        performUnsubscribe: (_z: ZObject, bundle: Bundle) => {
          seen.push({
            method: 'unsubscribe',
            subscribeData: bundle.subscribeData,
            inputData: bundle.inputData,
          });
          return { status: 'deleted' };
        },
        perform: (_z: ZObject, bundle: Bundle) => {
          seen.push({
            method: 'perform',
            cleanedRequest: bundle.cleanedRequest,
            rawRequest: bundle.rawRequest,
            inputData: bundle.inputData,
          });
          const body = bundle.cleanedRequest as { items?: unknown[] };
          return body.items ?? [bundle.cleanedRequest];
        },
        performList: () => [],
        sample: { id: '1' },
      },
    },
  },
} as unknown as AppDefinition;

let runtime: Runtime;
let zapier: EmulatedZapier;

beforeEach(async () => {
  seen.length = 0;
  refusals = 0;
  runtime = createRuntime(app, {
    authData: { access_token: 'old', refresh_token: 'r', locationId: 'loc' },
  });
  zapier = await EmulatedZapier.start({ runtime });
});
afterEach(() => zapier.close());

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('emulated Zapier hooks', () => {
  it('turning a Zap on runs performSubscribe with a loopback hook URL and keeps its answer', async () => {
    const zap = await zapier.turnOn({ trigger: 'thing_instant', inputData: { tag: 'vip' }, zapId: 'z1' });
    expect(zap.targetUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/standard\/1\/[0-9a-f]{16}\/$/);
    expect(zap.subscribeData).toEqual({ id: 'sub_1', target: zap.targetUrl });
    expect(seen).toEqual([
      {
        method: 'subscribe',
        targetUrl: zap.targetUrl,
        inputData: { tag: 'vip' },
        zapId: 'z1',
        access: 'old',
      },
    ]);
  });

  it('refreshes the connection once when a step asks for it', async () => {
    refusals = 1;
    await zapier.turnOn({ trigger: 'thing_instant' });
    expect(seen.map((entry) => entry.access)).toEqual(['old', 'fresh']);
  });

  it('answers 200 to each POST and fires every item perform returns, duplicates included', async () => {
    const zap = await zapier.turnOn({ trigger: 'thing_instant', inputData: { tag: 'vip' } });
    const raw = JSON.stringify({ items: [{ id: 'a' }, { id: 'b' }] });
    const first = await post(zap.targetUrl, raw, { 'X-Relay-Delivery-Id': 'dlv_1' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual(expect.objectContaining({ status: 'success' }));
    await post(`${zap.targetUrl}?source=test`, JSON.stringify({ id: 'a' }));
    await zapier.idle();

    expect(zap.fires().map((fire) => fire.id)).toEqual(['a', 'b', 'a']);
    const [fire] = zap.fires();
    expect(fire.receivedAt).toBeLessThanOrEqual(fire.firedAt);
    expect(fire.headers['x-relay-delivery-id']).toBe('dlv_1');
    const performs = seen.filter((entry) => entry.method === 'perform');
    expect(performs[0].cleanedRequest).toEqual({ items: [{ id: 'a' }, { id: 'b' }] });
    expect(performs[0].inputData).toEqual({ tag: 'vip' });
    expect(performs[0].rawRequest).toEqual({
      method: 'POST',
      querystring: '',
      headers: expect.objectContaining({
        'Http-X-Relay-Delivery-Id': 'dlv_1',
        'Http-Content-Type': 'application/json',
      }),
      content: raw,
    });
    expect(performs[1].rawRequest?.querystring).toBe('source=test');
    expect(zapier.requests.map((request) => [request.status, request.items])).toEqual([
      [200, 2],
      [200, 1],
    ]);
  });

  it('turning a Zap off runs performUnsubscribe; its hook URL answers 410 afterwards, as unknown ones do', async () => {
    const zap = await zapier.turnOn({ trigger: 'thing_instant' });
    await zapier.turnOff(zap);
    expect(seen.at(-1)).toEqual({ method: 'unsubscribe', subscribeData: zap.subscribeData, inputData: {} });
    expect(zap.on).toBe(false);
    expect((await post(zap.targetUrl, '{"id":"late"}')).status).toBe(410);
    expect((await post(`${zapier.url}/hooks/standard/9/nope/`, '{}')).status).toBe(410);
    await zapier.idle();
    expect(zap.fires()).toEqual([]);
    expect(seen.filter((entry) => entry.method === 'perform')).toEqual([]);
  });

  it('keeps Zaps apart, records perform errors without failing the sender, and can refuse POSTs', async () => {
    const one = await zapier.turnOn({ trigger: 'thing_instant' });
    const two = await zapier.turnOn({ trigger: 'thing_instant' });
    expect(one.targetUrl).not.toBe(two.targetUrl);
    zapier.failNext(1, 503);
    expect((await post(one.targetUrl, '{"id":"x"}')).status).toBe(503);
    await post(one.targetUrl, '{"id":"x"}');
    await post(two.targetUrl, '{"items":"not a list"}');
    await zapier.idle();
    expect(one.fires().map((fire) => fire.id)).toEqual(['x']);
    expect(two.fires()).toEqual([]);
    expect(zapier.requests.at(-1)?.error).toContain('Results must be an array');
  });
});
