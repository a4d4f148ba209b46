import trigger from '../../triggers/contact_tag_removed';
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

const untagged = (tag: string, event: Record<string, unknown> = contactWebhook) =>
  delivery('contact_tag_removed', 'ContactTagUpdate', event, {
    tag,
    addedTags: [],
    removedTags: [tag],
    changedFields: [],
  });

describe('contact_tag_removed', () => {
  it('subscribes with the tag', async () => {
    expect(await subscribedBody(trigger, { tag: 'Gold' })).toMatchObject({
      locationId: LOCATION_ID,
      trigger: 'contact_tag_removed',
      filters: { tag: 'gold' },
    });
  });

  it('unsubscribes with the app secret alone, after the connection expired', async () => {
    await expectUnsubscribeWithoutToken(trigger);
  });

  it('a documented ContactTagUpdate (the tag is no longer in the list): the contact as read, with the tag removed', async () => {
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });
    mockCustomFields();

    const items = await runHook(trigger, 'perform', hookBundle({ tag: 'gold' }, untagged('Gold')));

    expect(items).toEqual([{ ...contactOutput, id: DELIVERY_ID, contactId: 'c1', tag: 'Gold' }]);
  });

  it('a sparse ContactUpdate of a contact deleted meanwhile: output from the payload', async () => {
    highlevel().get('/contacts/c9').reply(404, { statusCode: 404, message: 'Contact not found' });
    mockCustomFields();

    const [item] = await runHook(
      trigger,
      'perform',
      hookBundle({}, untagged('gold', { id: 'c9', tags: [] })),
    );

    expect(item).toMatchObject({ id: DELIVERY_ID, contactId: 'c9', tag: 'gold', tags: [], email: null });
  });

  it('another tag than the chosen one fires nothing, without a request', async () => {
    expect(await runHook(trigger, 'perform', hookBundle({ tag: 'vip' }, untagged('gold')))).toEqual([]);
  });

  it('performList: recent contacts shaped as removals of the chosen tag, with the same keys as a fire', async () => {
    highlevel()
      .post('/contacts/search', (body) => body.pageLimit === 3 && body.sort[0].field === 'dateUpdated')
      .reply(200, { contacts: [searchContact('s1', 60_000)] });
    mockCustomFields();
    highlevel().get('/contacts/c1').reply(200, { contact: contactRead });

    const listed = await runHook(trigger, 'performList', hookBundle({ tag: 'gold' }, undefined));
    const fired = await runHook(trigger, 'perform', hookBundle({ tag: 'gold' }, untagged('gold')));

    expect(listed.map((item) => [item.contactId, item.tag])).toEqual([['s1', 'gold']]);
    expect(keysOf(listed)).toEqual(keysOf(fired));
  });
});
