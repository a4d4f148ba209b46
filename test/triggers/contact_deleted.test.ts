import trigger from '../../triggers/contact_deleted';
import { caught, highlevel, LOCATION_ID, requestGuard, sentAny } from '../helpers';
import {
  contactWebhook,
  delivery,
  DELIVERY_ID,
  expectUnsubscribeWithoutToken,
  hookBundle,
  keysOf,
  runHook,
  subscribedBody,
  useRelayEnv,
} from '../lib/relay/fixtures';
import { searchContact } from './fixtures';

useRelayEnv();

const deleted = (event: Record<string, unknown>) => delivery('contact_deleted', 'ContactDelete', event);

describe('contact_deleted', () => {
  it('subscribes without filters', async () => {
    expect(await subscribedBody(trigger, {})).toMatchObject({
      locationId: LOCATION_ID,
      trigger: 'contact_deleted',
      filters: {},
    });
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented ContactDelete: what the webhook carries, no request', async () => {
    const guard = requestGuard();

    const items = await runHook(trigger, 'perform', hookBundle({}, deleted(contactWebhook)));

    expect(items).toEqual([
      {
        id: DELIVERY_ID,
        contactId: 'c1',
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
        timezone: null,
        source: 'web form',
        type: null,
        dnd: false,
        tags: ['vip', 'Newsletter'],
        assignedTo: 'y0BeYjuRIlDwsDcOHOJo',
        dateOfBirth: '1990-12-10',
        dateAdded: '2026-12-04T01:02:00.000+00:00',
        dateUpdated: null,
        businessId: null,
        locationId: LOCATION_ID,
        url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/c1`,
        deletedAt: '2026-12-04T01:02:03.000+00:00',
      },
    ]);
    expect(sentAny(guard)).toBe(false);
  });

  it('a sparse ContactDelete (the id only)', async () => {
    const [item] = await runHook(trigger, 'perform', hookBundle({}, deleted({ id: 'c7' })));

    expect(item).toMatchObject({
      id: DELIVERY_ID,
      contactId: 'c7',
      email: null,
      tags: [],
      deletedAt: '2026-12-04T01:02:03.000+00:00',
    });
  });

  it('a ContactDelete without a contact id: a plain message', async () => {
    const error = await caught(runHook(trigger, 'perform', hookBundle({}, deleted({ id: '' }))));

    expect(error.code).toBe('unexpected_response');
  });

  it('performList: recent contacts shaped as deletions, with the same keys as a fire', async () => {
    highlevel()
      .post('/contacts/search', (body) => body.pageLimit === 3)
      .reply(200, { contacts: [searchContact('s1', 60_000)] });

    const listed = await runHook(trigger, 'performList', hookBundle({}, undefined));
    const fired = await runHook(trigger, 'perform', hookBundle({}, deleted(contactWebhook)));

    expect(listed.map((item) => item.contactId)).toEqual(['s1']);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });
});
