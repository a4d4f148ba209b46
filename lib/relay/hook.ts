/**
 * An instant (REST hook) trigger on the relay (docs/INSTANT_TRIGGERS.md §1): Zapier turns the Zap on →
 * `performSubscribe` (one relay subscription with the trigger's filters, validated first); an event → the relay
 * posts a delivery to the Zap's hook URL → `perform` turns it into the same output as the polling trigger; the
 * editor's test step → `performList`, the polling trigger's own read shaped the same way; the Zap turned off →
 * `performUnsubscribe` (no HighLevel token needed). The trigger files only say what differs.
 */
import {
  defineTrigger,
  type BasicDisplay,
  type Bundle,
  type InputFields,
  type OutputFields,
  type PlainInputField,
  type Trigger,
  type ZObject,
} from 'zapier-platform-core';
import { subscribe, unsubscribe, type RelayFilters } from './client';
import { parseDelivery, type Delivery } from './delivery';
import { claimOnce, releaseClaim } from '../core/cache';

/** What a trigger's output item is at least: an id (the delivery's, for a real fire). */
export type Item = { id: string } & Record<string, unknown>;

export interface InstantTriggerSpec {
  /** The app's trigger key, e.g. `new_contact_instant`. */
  key: string;
  /** The relay's trigger key (docs/RELAY_CONTRACT.md §5), e.g. `new_contact`. */
  relayTrigger: string;
  noun: string;
  display: BasicDisplay;
  inputFields: InputFields;
  /** The subscription's filters from the inputs, validated (plain errors before any request). */
  filters(z: ZObject, inputData: Record<string, unknown>): RelayFilters;
  /** The items one delivery fires (none when the app's own check of the filters says no). */
  fromDelivery(z: ZObject, bundle: Bundle, delivery: Delivery, filters: RelayFilters): Promise<Item[]>;
  /** The editor's test step: real records, in the output shape of `fromDelivery`. */
  performList(z: ZObject, bundle: Bundle): Promise<Item[]>;
  sample: Record<string, unknown>;
  outputFields: OutputFields;
}

/** A copy field stating the trigger's rule in one sentence (docs/INSTANT_TRIGGERS.md). */
export const ruleField = (helpText: string): PlainInputField => ({ key: 'rule', type: 'copy', helpText });

/** The id of the sample of an instant trigger: delivery ids look like this (docs/RELAY_CONTRACT.md §4). */
export const SAMPLE_DELIVERY_ID = 'dlv_01JDQ7W3X9V4M2K8R5T6Y0ZP3C';

/**
 * A record shaped as an instant trigger's item: `id` is the fire's id, the record's own id is under `realKey`.
 * For the editor's samples (`performList`) the fire id is the record's id, as in the polling trigger.
 */
export const asFire = <T extends { id: string }>(record: T, realKey: string, fireId?: string) => ({
  ...record,
  id: fireId ?? record.id,
  [realKey]: (record as Record<string, unknown>)[realKey] ?? record.id,
});

/** How long a fired delivery id is remembered: longer than the relay retries a delivery (about a day). */
const FIRE_ID_TTL_SECONDS = 2 * 24 * 3600;

export const instantTrigger = (spec: InstantTriggerSpec): Trigger =>
  defineTrigger({
    key: spec.key,
    noun: spec.noun,
    display: spec.display,
    operation: {
      type: 'hook',
      inputFields: spec.inputFields,
      performSubscribe: (z: ZObject, bundle: Bundle) =>
        subscribe(z, bundle, spec.relayTrigger, spec.filters(z, bundle.inputData)),
      performUnsubscribe: (z: ZObject, bundle: Bundle) => unsubscribe(z, bundle),
      perform: async (z: ZObject, bundle: Bundle) => {
        const delivery = parseDelivery(z, bundle, spec.relayTrigger);
        if (!delivery) return [];
        // Each Zap's hook URL is its own, so this cannot happen unless something upstream misroutes: never fire.
        const connected = bundle.authData.locationId;
        if (delivery.locationId && connected && delivery.locationId !== connected) {
          z.console.log(`Relay delivery ${delivery.id} is for another sub-account: ignored`);
          return [];
        }
        // The relay delivers at least once: a delivery resent after a crash carries the same id, and Zapier does
        // not de-duplicate instant triggers (docs/RELAY_CONTRACT.md §4), so the Zap fires each id once.
        const claim = `relay-fire:${delivery.id}`;
        if (!(await claimOnce(z, claim, FIRE_ID_TTL_SECONDS))) {
          z.console.log(`Relay delivery ${delivery.id} was already fired: ignored`);
          return [];
        }
        try {
          return await spec.fromDelivery(z, bundle, delivery, spec.filters(z, bundle.inputData));
        } catch (error) {
          // Nothing fired: a replay of this run (Zap history) or a resend of the delivery may fire it then.
          await releaseClaim(z, claim);
          throw error;
        }
      },
      performList: (z: ZObject, bundle: Bundle) => spec.performList(z, bundle),
      sample: spec.sample,
      outputFields: spec.outputFields,
    },
  });

/**
 * A polling trigger kept under its key but hidden, so Zaps made before the instant one keep working (Zapier's
 * guidance for changing a trigger's type: https://docs.zapier.com/platform/manage/change-trigger).
 */
export const hiddenTrigger = <T extends Trigger>(trigger: T): T => ({
  ...trigger,
  display: { ...trigger.display, hidden: true },
});

/**
 * A polling trigger's perform run as the editor's sample (`isLoadingSample`): a few real records, and none of
 * the trigger state a live poll would start (docs/TRIGGERS.md §3). The instant triggers' `performList`. The
 * polling perform validates its own inputs, so the bundle is handed over as the perform types it.
 */
export const asSample =
  <B, R>(perform: (z: ZObject, bundle: B) => Promise<R>) =>
  (z: ZObject, bundle: Bundle): Promise<R> =>
    perform(z, { ...bundle, meta: { ...bundle.meta, isLoadingSample: true } } as unknown as B);
