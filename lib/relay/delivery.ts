/**
 * What the relay posts to a Zap's hook URL (docs/RELAY_CONTRACT.md §4), as Zapier hands it to `perform` in
 * `bundle.cleanedRequest`: its zod schema and the parser. The delivery `id` is the fire's id (stable across the
 * relay's retries); `event` is HighLevel's webhook body as received; `change` is what the relay computed for
 * contact events.
 */
import type { ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { parseJson, userError } from '../core/errors';
import { lazySchema } from '../core/schema';

export const deliverySchema = lazySchema((zod) =>
  zod.looseObject({
    id: zod.string().min(1),
    eventId: zod.string().nullish(),
    subscriptionId: zod.string().nullish(),
    trigger: zod.string().min(1),
    type: zod.string().min(1),
    locationId: zod.string().nullish(),
    timestamp: zod.string().nullish(),
    receivedAt: zod.string().nullish(),
    event: zod.record(zod.string(), zod.unknown()),
    change: zod
      .looseObject({
        tag: zod.string().nullish(),
        addedTags: zod.array(zod.string()).nullish(),
        removedTags: zod.array(zod.string()).nullish(),
        changedFields: zod.array(zod.string()).nullish(),
      })
      .nullish(),
  }),
);
export type Delivery = zod.infer<ReturnType<typeof deliverySchema>>;

/** The body Zapier received: `cleanedRequest` (parsed JSON), else the raw request's content. */
const bodyOf = (bundle: { cleanedRequest?: unknown; rawRequest?: { content?: string } }): unknown => {
  const cleaned = bundle.cleanedRequest;
  if (cleaned && typeof cleaned === 'object' && 'event' in cleaned) return cleaned;
  const raw = bundle.rawRequest?.content;
  return typeof raw === 'string' ? parseJson(raw) : cleaned;
};

/**
 * The relay's delivery for `trigger`. A body that is not a delivery fails with a plain message (it shows in
 * the Zap's history); a delivery meant for another trigger is `undefined` (nothing fires).
 */
export const parseDelivery = (
  z: ZObject,
  bundle: { cleanedRequest?: unknown; rawRequest?: { content?: string } },
  trigger: string,
): Delivery | undefined => {
  const parsed = deliverySchema().safeParse(bodyOf(bundle));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    z.console.log(
      `Relay delivery: unexpected body (${issue?.path.join('.') || 'the body'}: ${issue?.message ?? '?'})`,
    );
    throw userError(
      z,
      'The instant trigger received a message that is not an event from the relay, so it did not trigger. If it keeps happening, please contact support.',
      'unexpected_response',
    );
  }
  if (parsed.data.trigger !== trigger) {
    z.console.log(
      `Relay delivery ${parsed.data.id} is for "${parsed.data.trigger}", not "${trigger}": ignored`,
    );
    return undefined;
  }
  return parsed.data;
};

/** Compares two texts as HighLevel compares tags: case-insensitively (docs/RELAY_CONTRACT.md §4). */
export const sameText = (a: string | null | undefined, b: string | null | undefined): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
