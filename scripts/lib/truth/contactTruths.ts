/**
 * What New Contact, Contact Tag Added and Updated Contact must fire, from the sandbox's journal (docs/TRIGGERS.md
 * §6–§8 state the rules these encode).
 */
import type { JournalEvent } from '../../../sandbox/journal';
import type { Contact } from '../../../sandbox/types';
import { collapse, registerTruth, type ExpectedEvent, type TruthContext } from './truth';
import type { World } from './world';

/** Mirror lib/contacts/poll.ts (a different number here would show as misses or false fires). */
export const BASELINE_CONTACTS = 1_000;
export const TAG_BASELINE_CONTACTS = 2_000;

type ContactEvent = Extract<JournalEvent, { contactId: string }> & { type: `contact.${string}` };

const contactEvents = (journal: readonly JournalEvent[]): ContactEvent[] =>
  journal.filter((event): event is ContactEvent => event.type.startsWith('contact.'));

/** The contacts a baseline read at turn-on covers: `filter`ed, most recently updated first, BASELINE_CONTACTS. */
const baselineCapture = (world: World, filter: (contact: Contact) => boolean, size = BASELINE_CONTACTS) => {
  const matching = [...world.sandbox.store.contacts.values()]
    .filter((contact) => contact.locationId === world.sandbox.locationId && filter(contact))
    .sort((a, b) => b.dateUpdated - a.dateUpdated || (a.id < b.id ? 1 : -1));
  return {
    complete: matching.length <= size,
    seen: new Set(matching.slice(0, size).map((contact) => contact.id)),
  };
};

interface BaselineCapture {
  complete: boolean;
  seen: Set<string>;
}

/** The first capture of the state (the baseline is built once per connection and inputs). */
const firstCapture = (context: TruthContext) =>
  context.captures[0] as { at: number; value: BaselineCapture } | undefined;

// ---------------------------------------------------------------------------------------------------------

registerTruth({
  trigger: 'new_contact',
  keyOf: (item) => String(item.id),
  sharesState: () => false,
  expected: ({ journal, observations, zap }) => {
    const tag =
      typeof zap.config.inputData?.tag === 'string' ? zap.config.inputData.tag.toLowerCase() : undefined;
    const assignedTo = zap.config.inputData?.assignedTo as string | undefined;
    const expected: ExpectedEvent[] = [];
    for (const group of collapse(contactEvents(journal), observations, (event) => event.contactId)) {
      const created = group.events.find((event) => event.type === 'contact.created');
      if (!created || created.type !== 'contact.created') continue;
      // Created and deleted before any poll looked: nothing to see.
      if (group.events.some((event) => event.type === 'contact.deleted')) continue;
      if (tag && !created.tags.includes(tag)) continue;
      if (assignedTo && created.assignedTo !== assignedTo) continue;
      expected.push({ key: created.contactId, at: created.at, must: true, what: 'contact created' });
    }
    return expected;
  },
});

registerTruth({
  trigger: 'contact_tag_added',
  keyOf: (item) => String(item.contactId),
  capture: (world, zap) => {
    const tag = String(zap.config.inputData?.tag ?? '').toLowerCase();
    return baselineCapture(world, (contact) => contact.tags.includes(tag), TAG_BASELINE_CONTACTS);
  },
  expected: (context) => {
    const tag = String(context.zap.config.inputData?.tag ?? '').toLowerCase();
    const capture = firstCapture(context);
    const seen = new Set(capture?.value.seen ?? []);
    const expected: ExpectedEvent[] = [];
    for (const group of collapse(
      contactEvents(context.journal),
      context.observations,
      (event) => event.contactId,
    )) {
      const touching = group.events.filter(
        (event) =>
          (event.type === 'contact.tagAdded' || event.type === 'contact.tagRemoved') && event.tag === tag,
      );
      const created = group.events.find((event) => event.type === 'contact.created');
      const deleted = group.events.some((event) => event.type === 'contact.deleted');
      const wasSeen =
        capture === undefined ||
        capture.value.complete ||
        seen.has(group.key) ||
        (created !== undefined && created.at >= capture.at);
      seen.add(group.key);
      if (touching.length === 0 || deleted) continue;
      const before = touching[0].type === 'contact.tagRemoved';
      const after = touching[touching.length - 1].type === 'contact.tagAdded';
      if (before || !after) continue;
      const last = touching[touching.length - 1];
      expected.push({ key: group.key, at: last.at, must: wasSeen, what: `tag ${tag} added` });
    }
    return expected;
  },
});

/** Watch Fields (app keys) → the sandbox's field names. */
const storeField = (field: string): string =>
  field.startsWith('customField.') ? `customFields.${field.slice('customField.'.length)}` : field;

registerTruth({
  trigger: 'updated_contact',
  keyOf: (item) => String(item.contactId),
  sharesState: (zap) => ((zap.config.inputData?.watchFields as string[] | undefined) ?? []).length > 0,
  capture: (world) => baselineCapture(world, () => true),
  expected: (context) => {
    const watch = ((context.zap.config.inputData?.watchFields as string[] | undefined) ?? []).map(storeField);
    const capture = firstCapture(context);
    const seen = new Set(capture?.value.seen ?? []);
    const expected: ExpectedEvent[] = [];
    for (const group of collapse(
      contactEvents(context.journal),
      context.observations,
      (event) => event.contactId,
    )) {
      const updates = group.events.filter(
        (event): event is Extract<ContactEvent, { type: 'contact.updated' }> =>
          event.type === 'contact.updated',
      );
      const created = group.events.some((event) => event.type === 'contact.created');
      const deleted = group.events.some((event) => event.type === 'contact.deleted');
      const wasSeen =
        watch.length === 0 || capture === undefined || capture.value.complete || seen.has(group.key);
      seen.add(group.key);
      if (updates.length === 0 || deleted) continue;
      if (watch.length === 0) {
        // Every update: the window fires the contact's latest version once per observation.
        expected.push({
          key: group.key,
          at: updates[updates.length - 1].at,
          must: true,
          what: 'contact updated',
        });
        continue;
      }
      // Net change of the watched fields over the group (a change undone before a check is invisible).
      const first = new Map<string, string>();
      const last = new Map<string, string>();
      for (const update of updates) {
        for (const change of update.changes) {
          if (!watch.includes(change.field)) continue;
          if (!first.has(change.field)) first.set(change.field, JSON.stringify(change.from ?? null));
          last.set(change.field, JSON.stringify(change.to ?? null));
        }
      }
      const changed = [...last].some(([field, value]) => first.get(field) !== value);
      if (!changed) continue;
      const at = updates[updates.length - 1].at;
      // A contact created in this same interval is first seen after the change: nothing to compare with.
      expected.push({
        key: group.key,
        at,
        must: wasSeen && !created,
        what: `watched ${[...last.keys()].join(', ')} changed`,
      });
    }
    return expected;
  },
});
