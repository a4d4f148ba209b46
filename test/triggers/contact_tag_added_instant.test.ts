import trigger from '../../triggers/contact_tag_added_instant';
import { highlevel, LOCATION_ID } from '../helpers';
import {
  contactOutput,
  contactRead,
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
import { mockCustomFields, searchContact } from './fixtures';

useRelayEnv();

const tagged = (tag: string, event: Record<string, unknown> = contactWebhook) =>
  delivery('contact_tag_added', 'ContactTagUpdate', event, {
    tag,
    addedTags: [tag],
    removedTags: [],
    changedFields: [],
  });

describe('contact_tag_added_instant', () => {
  it('subscribes with the tag', async () => {
    expect(await subscribedBody(trigger, { tag: 'VIP' })).toMatchObject({
      locationId: LOCATION_ID,
      trigger: 'contact_tag_added',
      filters: { tag: 'vip' },
    });
  });

  it('subscribes to every tag when none is chosen', async () => {
    expect((await subscribedBody(trigger, {})).filters).toEqual({});
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented ContactTagUpdate (whole tag list): the contact as read, with the tag the relay found added', async () => {
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });
    mockCustomFields();

    const items = await runHook(trigger, 'perform', hookBundle({ tag: 'newsletter' }, tagged('Newsletter')));

    expect(items).toEqual([{ ...contactOutput, id: DELIVERY_ID, contactId: 'c1', tag: 'Newsletter' }]);
  });

  it('a sparse ContactTagUpdate (id and tags only)', async () => {
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });
    mockCustomFields();

    const items = await runHook(
      trigger,
      'perform',
      hookBundle({}, tagged('vip', { id: 'c1', tags: ['vip'] })),
    );

    expect(items).toEqual([{ ...contactOutput, id: DELIVERY_ID, contactId: 'c1', tag: 'vip' }]);
  });

  it('another tag than the chosen one fires nothing, without a request', async () => {
    expect(await runHook(trigger, 'perform', hookBundle({ tag: 'gold' }, tagged('vip')))).toEqual([]);
  });

  it('a delivery without a tag fires nothing', async () => {
    const sent = delivery('contact_tag_added', 'ContactUpdate', contactWebhook, {
      addedTags: [],
      removedTags: [],
    });

    expect(await runHook(trigger, 'perform', hookBundle({}, sent))).toEqual([]);
  });

  it("performList: Contact Tag Added's sample, with the same keys as a fire", async () => {
    highlevel()
      .post('/contacts/search', (body) => body.pageLimit === 3)
      .reply(200, { contacts: [searchContact('s1', 60_000, { tags: ['vip'] })] });
    mockCustomFields();
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });

    const listed = await runHook(trigger, 'performList', hookBundle({ tag: 'vip' }, undefined));
    const fired = await runHook(trigger, 'perform', hookBundle({ tag: 'vip' }, tagged('vip')));

    expect(listed.map((item) => [item.contactId, item.tag])).toEqual([['s1', 'vip']]);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });

  it('performList without a tag: recent contacts, each with its first tag', async () => {
    highlevel()
      .post('/contacts/search')
      .reply(200, { contacts: [searchContact('s1', 60_000, { tags: ['gold', 'vip'] })] });
    mockCustomFields();

    const listed = await runHook(trigger, 'performList', hookBundle({}, undefined));

    expect(listed.map((item) => [item.id, item.contactId, item.tag])).toEqual([['s1', 's1', 'gold']]);
  });
});
