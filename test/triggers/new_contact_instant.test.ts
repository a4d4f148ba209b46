import trigger from '../../triggers/new_contact_instant';
import { caught, highlevel, LOCATION_ID, USER_ID } from '../helpers';
import {
  contactOutput,
  contactRead,
  contactWebhook,
  delivery,
  DELIVERY_ID,
  expectUnsubscribeWithoutToken,
  hookBundle,
  keysOf,
  relayReply,
  runHook,
  subscribeBundle,
  subscribedBody,
  useRelayEnv,
} from '../lib/relay/fixtures';
import { mockCustomFields, searchContact } from './fixtures';

useRelayEnv();

const created = (event: Record<string, unknown>) =>
  delivery('new_contact', 'ContactCreate', event, { addedTags: [], removedTags: [], changedFields: [] });

describe('new_contact_instant', () => {
  it('subscribes with the tag (as HighLevel stores it) and the assigned user', async () => {
    expect(await subscribedBody(trigger, { tag: ' VIP ', assignedTo: USER_ID })).toEqual({
      locationId: LOCATION_ID,
      trigger: 'new_contact',
      targetUrl: 'https://hooks.zapier.com/hooks/standard/123/abc/',
      filters: { tag: 'vip', assignedTo: USER_ID },
      zapId: 'zap-1',
    });
  });

  it('subscribes without filters when none is chosen', async () => {
    expect((await subscribedBody(trigger, {})).filters).toEqual({});
  });

  it('refuses two tags before any request', async () => {
    const { scope } = relayReply('POST', '/v1/subscriptions', 201, {});

    const error = await caught(runHook(trigger, 'performSubscribe', subscribeBundle({ tag: ['a', 'b'] })));

    expect(error).toMatchObject({
      code: 'invalid_input',
      message: 'Tag takes one tag; got 2. Choose a single tag.',
    });
    expect(scope.isDone()).toBe(false);
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented ContactCreate: reads the contact once and outputs it as New Contact does', async () => {
    const read = highlevel().get('/contacts/c1').reply(200, { contact: contactRead });
    mockCustomFields();

    const items = await runHook(trigger, 'perform', hookBundle({}, created(contactWebhook)));

    expect(items).toEqual([{ ...contactOutput, id: DELIVERY_ID, contactId: 'c1' }]);
    read.done();
  });

  it('a sparse ContactCreate of a contact deleted meanwhile (404): output from the payload', async () => {
    highlevel().get('/contacts/c2').reply(404, { statusCode: 404, message: 'Contact not found' });
    mockCustomFields();

    const items = await runHook(
      trigger,
      'perform',
      hookBundle({}, created({ id: 'c2', email: 'sparse@example.com', phone: '+14155550101' })),
    );

    expect(items).toEqual([
      {
        id: DELIVERY_ID,
        contactId: 'c2',
        firstName: null,
        lastName: null,
        fullName: null,
        email: 'sparse@example.com',
        phone: '+14155550101',
        companyName: null,
        address1: null,
        city: null,
        state: null,
        postalCode: null,
        country: null,
        website: null,
        timezone: null,
        source: null,
        type: null,
        dnd: false,
        tags: [],
        assignedTo: null,
        dateOfBirth: null,
        dateAdded: null,
        dateUpdated: null,
        businessId: null,
        locationId: LOCATION_ID,
        url: `https://app.gohighlevel.com/v2/location/${LOCATION_ID}/contacts/detail/c2`,
        custom_fields__industry: null,
        custom_fields__budget: null,
      },
    ]);
  });

  it('fires nothing when the contact as read does not have the chosen tag', async () => {
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });
    mockCustomFields();

    expect(await runHook(trigger, 'perform', hookBundle({ tag: 'gold' }, created(contactWebhook)))).toEqual(
      [],
    );
  });

  it('a delivery for another trigger fires nothing, without a request', async () => {
    const items = await runHook(
      trigger,
      'perform',
      hookBundle({}, delivery('new_task', 'TaskCreate', { id: 't1' })),
    );

    expect(items).toEqual([]);
  });

  it('a delivery for another sub-account fires nothing, without a request', async () => {
    const sent = { ...created(contactWebhook), locationId: 'anotherLocation01' };

    expect(await runHook(trigger, 'perform', hookBundle({}, sent))).toEqual([]);
  });

  it("performList: New Contact's sample, with the same keys as a fire", async () => {
    highlevel()
      .post('/contacts/search', (body) => body.pageLimit === 3 && body.sort[0].field === 'dateAdded')
      .reply(200, { contacts: [searchContact('s1', 60_000, { tags: ['vip'] })] });
    mockCustomFields();
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });

    const listed = await runHook(trigger, 'performList', hookBundle({}, undefined));
    const fired = await runHook(trigger, 'perform', hookBundle({}, created(contactWebhook)));

    expect(listed.map((item) => [item.id, item.contactId])).toEqual([['s1', 's1']]);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });
});
