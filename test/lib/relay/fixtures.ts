/**
 * What the instant-trigger tests share: the relay's test configuration, a nock scope for it, a checker of the
 * app's signature (docs/RELAY_CONTRACT.md §2), delivery builders (§4), and HighLevel-shaped webhook bodies
 * (flat contact fields, a task without its contact, an appointment nested under `appointment`).
 */
import { createHmac } from 'node:crypto';
import nock from 'nock';
import type { Bundle, Trigger, ZObject } from 'zapier-platform-core';
import type { Delivery } from '../../../lib/relay/delivery';
import { ACCESS_TOKEN, appTester, LOCATION_ID, makeBundle } from '../../helpers';

export const RELAY_URL = 'https://relay.example.com';
export const RELAY_SECRET = 'relay-test-secret-0123456789abcdef-XYZ';
export const TARGET_URL = 'https://hooks.zapier.com/hooks/standard/123/abc/';
export const SUBSCRIPTION_ID = 'sub_01JDQ8A2B3C4D5E6F7G8H9J0KM';

/** Sets RELAY_URL / RELAY_SECRET for the file's tests, and restores them after. */
export const useRelayEnv = () => {
  const saved = { url: process.env.RELAY_URL, secret: process.env.RELAY_SECRET };
  beforeEach(() => {
    process.env.RELAY_URL = RELAY_URL;
    process.env.RELAY_SECRET = RELAY_SECRET;
  });
  afterAll(() => {
    if (saved.url === undefined) delete process.env.RELAY_URL;
    else process.env.RELAY_URL = saved.url;
    if (saved.secret === undefined) delete process.env.RELAY_SECRET;
    else process.env.RELAY_SECRET = saved.secret;
  });
};

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The signature the relay expects for a request seen by nock (recomputed with the test secret). */
export const expectedSignature = (request: SeenRequest): string => {
  const timestamp = String(request.headers['x-relay-timestamp']);
  return `v1=${createHmac('sha256', RELAY_SECRET)
    .update(`${timestamp}.${request.method}.${request.path}.${request.body}`)
    .digest('hex')}`;
};

const rawBody = (body: unknown): string =>
  body === undefined || body === '' ? '' : typeof body === 'string' ? body : JSON.stringify(body);

/**
 * Answers the next `method path` on the relay with `status` / `reply`, recording what was sent into `seen`.
 */
export const relayReply = (
  method: 'POST' | 'DELETE',
  path: string,
  status: number,
  reply: Record<string, unknown> | string = {},
  base = RELAY_URL,
) => {
  const seen: SeenRequest[] = [];
  const scope = nock(base)
    .intercept(path, method)
    .reply(function (uri, body) {
      seen.push({
        method,
        path: uri,
        headers: this.req.headers as Record<string, string>,
        body: rawBody(body),
      });
      return [status, reply];
    });
  return { scope, seen };
};

/** A subscription as the relay answers a create (201). */
export const subscriptionAnswer = (trigger: string) => ({
  id: SUBSCRIPTION_ID,
  trigger,
  locationId: LOCATION_ID,
  createdAt: '2026-12-04T01:00:00.000Z',
});

/** The exact body the app must POST for `trigger` with `filters`. */
export const subscriptionBody = (trigger: string, filters: Record<string, string>) =>
  JSON.stringify({ locationId: LOCATION_ID, trigger, targetUrl: TARGET_URL, filters, zapId: 'zap-1' });

/** A bundle for performSubscribe (a hook URL from Zapier). */
export const subscribeBundle = (inputData: Record<string, unknown>) => ({
  ...makeBundle(inputData),
  targetUrl: TARGET_URL,
});

/** A bundle for performUnsubscribe: the stored subscription; `expired` = the connection's token has expired. */
export const unsubscribeBundle = (expired = false) => {
  const bundle = makeBundle(
    {},
    {},
    expired ? { expires_at: String(Math.floor(Date.now() / 1000) - 3600) } : {},
  );
  return { ...bundle, subscribeData: subscriptionAnswer('new_contact') };
};

export const DELIVERY_ID = 'dlv_01JDQ9ZX4W8V7T6S5R4Q3P2N1M';

/** A delivery as the relay posts it (docs/RELAY_CONTRACT.md §4). */
export const delivery = (
  trigger: string,
  type: string,
  event: Record<string, unknown>,
  change?: Delivery['change'],
): Delivery => ({
  id: DELIVERY_ID,
  eventId: 'whk_7f3e2a',
  subscriptionId: SUBSCRIPTION_ID,
  trigger,
  type,
  locationId: LOCATION_ID,
  timestamp: '2026-12-04T01:02:03.000Z',
  receivedAt: '2026-12-04T01:02:03.120Z',
  event: {
    type,
    locationId: LOCATION_ID,
    timestamp: '2026-12-04T01:02:03.000Z',
    webhookId: 'whk_7f3e2a',
    ...event,
  },
  ...(change === undefined ? {} : { change }),
});

/** The bundle Zapier gives `perform` for a delivery (the parsed JSON body in `cleanedRequest`). */
export const hookBundle = (inputData: Record<string, unknown>, body: unknown): Bundle =>
  ({ ...makeBundle(inputData), cleanedRequest: body }) as unknown as Bundle;

/** A contact webhook as documented: flat contact fields, no `dateUpdated`. */
export const contactWebhook = {
  id: 'c1',
  firstName: 'Ada',
  lastName: 'Byron',
  name: 'Ada Byron',
  email: 'ada@example.com',
  phone: '+14155550100',
  companyName: 'Engines Ltd',
  address1: '1 Loom Lane',
  city: 'Oakland',
  state: 'CA',
  postalCode: '94601',
  country: 'US',
  website: 'https://engines.example.com',
  source: 'web form',
  dateAdded: '2026-12-04T01:02:00.000Z',
  dateOfBirth: '1990-12-10T00:00:00.000Z',
  dnd: false,
  tags: ['vip', 'Newsletter'],
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  attachments: [],
  customFields: [{ id: 'cfIndustry', value: 'Computing' }],
};

/** The same contact as GET /contacts/:id returns it a moment later (dateUpdated, time zone, type). */
export const contactRead = {
  ...contactWebhook,
  locationId: LOCATION_ID,
  timezone: 'America/Los_Angeles',
  type: 'lead',
  dateUpdated: '2026-12-04T01:02:01.000Z',
  customFields: [
    { id: 'cfIndustry', value: 'Computing' },
    { id: 'cfBudget', value: '1200' },
  ],
};

/** The normalised output of `contactRead` (custom fields by name, as every contact trigger outputs). */
export const contactOutput = {
  id: 'c1',
  firstName: 'Ada',
  lastName: 'Byron',
  fullName: 'Ada Byron',
  email: 'ada@example.com',
  phone: '+14155550100',
  companyName: 'Engines Ltd',
  address1: '1 Loom Lane',
  city: 'Oakland',
  state: 'CA',
  postalCode: '94601',
  country: 'US',
  website: 'https://engines.example.com',
  timezone: 'America/Los_Angeles',
  source: 'web form',
  type: 'lead',
  dnd: false,
  tags: ['vip', 'Newsletter'],
  assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
  dateOfBirth: '1990-12-10',
  dateAdded: '2026-12-04T01:02:00.000+00:00',
  dateUpdated: '2026-12-04T01:02:01.000+00:00',
  businessId: null,
  locationId: LOCATION_ID,
  url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/c1`,
  custom_fields__industry: 'Computing',
  custom_fields__budget: 1200,
};

/** Sorted keys of every item: perform's and performList's outputs must have the same. */
export const keysOf = (items: ReadonlyArray<Record<string, unknown>>): string[][] =>
  items.map((item) => Object.keys(item).sort());

type HookMethod = 'perform' | 'performList' | 'performSubscribe' | 'performUnsubscribe';
type Tester = (z: ZObject, bundle: Bundle) => Promise<unknown>;

/** Runs one method of an instant trigger through the app tester (middleware included). */
export const runHook = async <T = Array<Record<string, unknown>>>(
  trigger: Trigger,
  method: HookMethod,
  bundle: object,
): Promise<T> => {
  const fn = (trigger.operation as unknown as Record<HookMethod, Tester>)[method];
  return (await appTester(fn, bundle)) as T;
};

/** Turning the Zap on with `inputData`: the exact subscription body the relay receives. */
export const subscribedBody = async (trigger: Trigger, inputData: Record<string, unknown>) => {
  const { seen, scope } = relayReply('POST', '/v1/subscriptions', 201, subscriptionAnswer('any'));
  const result = await runHook<Record<string, unknown>>(
    trigger,
    'performSubscribe',
    subscribeBundle(inputData),
  );
  scope.done();
  expect(result).toEqual(subscriptionAnswer('any'));
  expect(seen[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
  expect(seen[0].headers['x-relay-signature']).toBe(expectedSignature(seen[0]));
  return JSON.parse(seen[0].body) as Record<string, unknown>;
};

/** Turning the Zap off after the connection expired: one signed DELETE without a token. */
export const expectUnsubscribeWithoutToken = async (trigger: Trigger) => {
  const { seen, scope } = relayReply('DELETE', `/v1/subscriptions/${SUBSCRIPTION_ID}`, 200, {
    id: SUBSCRIPTION_ID,
    status: 'deleted',
  });
  const result = await runHook(trigger, 'performUnsubscribe', unsubscribeBundle(true));
  scope.done();
  expect(result).toEqual({ id: SUBSCRIPTION_ID, status: 'deleted' });
  expect(seen[0].headers.authorization).toBeUndefined();
  expect(seen[0].headers['x-relay-signature']).toBe(expectedSignature(seen[0]));
};
