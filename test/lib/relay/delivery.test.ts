import type { Bundle, ZObject } from 'zapier-platform-core';
import { parseDelivery } from '../../../lib/relay/delivery';
import { appTester, caught, makeBundle } from '../../helpers';
import { delivery, DELIVERY_ID } from './fixtures';

const parse = (body: Partial<Bundle>, trigger = 'new_contact') =>
  appTester((z: ZObject, bundle: Bundle) => [parseDelivery(z, bundle, trigger) ?? null], {
    ...makeBundle({}),
    ...body,
  });

describe('parseDelivery (docs/RELAY_CONTRACT.md §4)', () => {
  const sent = delivery(
    'new_contact',
    'ContactCreate',
    { id: 'c1' },
    { addedTags: [], removedTags: [], changedFields: [] },
  );

  it('reads the delivery from cleanedRequest', async () => {
    expect(await parse({ cleanedRequest: sent })).toEqual([sent]);
  });

  it('falls back to the raw request body', async () => {
    expect(await parse({ cleanedRequest: {}, rawRequest: { content: JSON.stringify(sent) } })).toEqual([
      sent,
    ]);
  });

  it('a delivery for another trigger fires nothing', async () => {
    expect(await parse({ cleanedRequest: sent }, 'new_task')).toEqual([null]);
  });

  it('a body that is not a delivery fails with a plain message', async () => {
    const error = await caught(parse({ cleanedRequest: { id: DELIVERY_ID, hello: 'world' } }));

    expect(error).toMatchObject({
      code: 'unexpected_response',
      message:
        'The instant trigger received a message that is not an event from the relay, so it did not trigger. If it keeps happening, please contact support.',
    });
  });
});
