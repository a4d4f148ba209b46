/**
 * Which subscriptions an event goes to, and what changed on a contact (docs/RELAY_CONTRACT.md §4–§5).
 * Pure functions: the store calls them inside the ingest transaction with what it read.
 */
import { createHash } from 'node:crypto';
import { tagsOf } from './contactState';

export const CONTACT_EVENTS = [
  'ContactCreate',
  'ContactUpdate',
  'ContactDelete',
  'ContactTagUpdate',
  'ContactDndUpdate',
] as const;

/** Every event type the relay stores when someone subscribed; others are answered 200 and dropped. */
export const KNOWN_EVENTS = new Set<string>([
  ...CONTACT_EVENTS,
  'NoteCreate',
  'NoteUpdate',
  'NoteDelete',
  'TaskCreate',
  'TaskComplete',
  'TaskDelete',
  'AppointmentCreate',
  'AppointmentUpdate',
  'AppointmentDelete',
]);

interface TriggerSpec {
  events: readonly string[];
  filters: readonly string[];
}

/** Contract §5's table. */
export const TRIGGERS: Record<string, TriggerSpec> = {
  new_contact: { events: ['ContactCreate'], filters: ['tag', 'assignedTo'] },
  updated_contact: {
    events: ['ContactUpdate', 'ContactTagUpdate', 'ContactDndUpdate'],
    filters: ['watchFields'],
  },
  contact_tag_added: { events: ['ContactCreate', 'ContactTagUpdate', 'ContactUpdate'], filters: ['tag'] },
  contact_tag_removed: { events: ['ContactTagUpdate', 'ContactUpdate'], filters: ['tag'] },
  contact_deleted: { events: ['ContactDelete'], filters: [] },
  new_task: { events: ['TaskCreate'], filters: ['contactId', 'assignedTo'] },
  task_completed: { events: ['TaskComplete'], filters: ['contactId', 'assignedTo'] },
  new_note: { events: ['NoteCreate'], filters: ['contactId'] },
  new_appointment: { events: ['AppointmentCreate'], filters: ['contactId', 'calendarId'] },
};

export type TriggerKey = keyof typeof TRIGGERS;

/** The triggers an event type can feed. */
export const triggersFor = (type: string): string[] =>
  Object.entries(TRIGGERS)
    .filter(([, spec]) => spec.events.includes(type))
    .map(([key]) => key);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type EventBody = { [key: string]: Json };

export interface Change {
  tag?: string;
  addedTags: string[];
  removedTags: string[];
  changedFields: string[];
}

export interface Subscription {
  id: string;
  trigger: string;
  filters: Record<string, string>;
}

export interface PlannedDelivery {
  subscriptionId: string;
  trigger: string;
  /** Tells apart the deliveries of one (event, subscription): the lower-cased tag for tag triggers, '' otherwise. */
  discriminator: string;
  change: Change | undefined;
}

const lower = (tags: readonly string[]) => new Set(tags.map((tag) => tag.toLowerCase()));

const valueAt = (event: EventBody, trigger: string, key: string): Json | undefined => {
  if (trigger === 'new_appointment') {
    const appointment = event.appointment;
    if (appointment && typeof appointment === 'object' && !Array.isArray(appointment)) {
      return key === 'contactId' || key === 'calendarId' ? appointment[key] : undefined;
    }
    return undefined;
  }
  return event[key];
};

/** A filter on a key the payload lacks lets the event through: the app applies it after filling the key in. */
const passes = (event: EventBody, subscription: Subscription): boolean => {
  for (const [key, wanted] of Object.entries(subscription.filters)) {
    if (key === 'watchFields' || (key === 'tag' && subscription.trigger !== 'new_contact')) continue;
    if (key === 'tag') {
      const tags = tagsOf(event);
      if (tags && !lower(tags).has(wanted.toLowerCase())) return false;
      continue;
    }
    const value = valueAt(event, subscription.trigger, key);
    if (value === undefined || value === null || value === '') continue;
    if (String(value) !== wanted) return false;
  }
  return true;
};

const tagDeliveries = (subscription: Subscription, tags: string[], change: Change): PlannedDelivery[] => {
  const wanted = subscription.filters.tag?.toLowerCase();
  const seen = new Set<string>();
  const planned: PlannedDelivery[] = [];
  for (const tag of tags) {
    const key = tag.toLowerCase();
    if (seen.has(key) || (wanted !== undefined && key !== wanted)) continue;
    seen.add(key);
    planned.push({
      subscriptionId: subscription.id,
      trigger: subscription.trigger,
      discriminator: key,
      change: { ...change, tag },
    });
  }
  return planned;
};

/**
 * The deliveries one event makes for the sub-account's active subscriptions (contract §5). `change` and
 * `firstSeen` come from computeChange (contactState.ts) for contact events.
 */
export const route = (
  event: EventBody,
  subscriptions: readonly Subscription[],
  change: Change | undefined,
  firstSeen: boolean,
): PlannedDelivery[] => {
  const type = String(event.type);
  const planned: PlannedDelivery[] = [];
  for (const subscription of subscriptions) {
    const spec = TRIGGERS[subscription.trigger];
    if (!spec || !spec.events.includes(type) || !passes(event, subscription)) continue;
    const one = { subscriptionId: subscription.id, trigger: subscription.trigger, discriminator: '', change };
    switch (subscription.trigger) {
      case 'contact_tag_added':
        if (change) planned.push(...tagDeliveries(subscription, change.addedTags, change));
        break;
      case 'contact_tag_removed':
        if (change) planned.push(...tagDeliveries(subscription, change.removedTags, change));
        break;
      case 'updated_contact': {
        if (!change) break;
        const watch = (subscription.filters.watchFields ?? '')
          .split(',')
          .map((field) => field.trim())
          .filter(Boolean);
        if (firstSeen) {
          if (watch.length === 0 || watch.some((field) => fieldPresent(event, field))) planned.push(one);
        } else if (
          watch.length === 0
            ? change.changedFields.length > 0
            : watch.some((f) => change.changedFields.includes(f))
        ) {
          planned.push(one);
        }
        break;
      }
      default:
        planned.push(one);
    }
  }
  return planned;
};

const fieldPresent = (event: EventBody, field: string): boolean => {
  if (field.startsWith('customFields.')) {
    const id = field.slice('customFields.'.length);
    return (
      Array.isArray(event.customFields) &&
      event.customFields.some((f) => f && typeof f === 'object' && !Array.isArray(f) && f.id === id)
    );
  }
  return event[field] !== undefined;
};

/** The stable delivery id of (event, subscription, discriminator): the Zap's fire id (contract §4). */
export const deliveryId = (webhookId: string, subscriptionId: string, discriminator: string): string =>
  'dlv_' +
  createHash('sha256')
    .update(`${webhookId}\n${subscriptionId}\n${discriminator}`)
    .digest('base64url')
    .slice(0, 24);
