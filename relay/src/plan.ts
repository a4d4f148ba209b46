/**
 * What one event writes inside its ingest transaction (docs/RELAY_CONTRACT.md §4–§5): the deliveries for the
 * sub-account's active subscriptions, and the contact's new state. Pure: the store calls it with what it read.
 */
import { computeChange } from './contactState';
import { deliveryId, route } from './routing';
import type { InboundEvent, Planner } from './store/store';

export const planFor =
  (event: InboundEvent, contactId: string | undefined): Planner =>
  (subscriptions, prior) => {
    const { webhookId, type, locationId } = event;
    const receivedIso = new Date(event.receivedAt).toISOString();
    // Order by HighLevel's timestamp; the receipt time stands in when it has none (contract §5).
    const at = event.timestamp ? Date.parse(event.timestamp) : event.receivedAt;
    const computed = contactId ? computeChange(event.body, at, prior) : undefined;
    const planned = route(event.body, subscriptions, computed?.change, computed?.firstSeen ?? false);
    const deliveries = planned.map((p) => {
      const id = deliveryId(webhookId, p.subscriptionId, p.discriminator);
      const envelope: Record<string, unknown> = {
        id,
        eventId: webhookId,
        subscriptionId: p.subscriptionId,
        trigger: p.trigger,
        type,
        locationId,
        timestamp: event.timestamp ?? receivedIso,
        receivedAt: receivedIso,
      };
      if (p.change) envelope.change = p.change;
      return {
        id,
        subscriptionId: p.subscriptionId,
        discriminator: p.discriminator,
        envelope: JSON.stringify(envelope),
      };
    });
    return { deliveries, next: computed?.next, contactId };
  };
