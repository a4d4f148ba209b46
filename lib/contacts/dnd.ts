/**
 * Do Not Disturb: the contact's switch for every channel (`dnd`), per channel (`dndSettings`: SMS, Email,
 * Call, WhatsApp, GMB, FB) and for inbound messages (`inboundDndSettings.all`), as contacts.json's
 * DndSettingsSchema and InboundDndSettingsSchema take them (docs/CONTACT_INPUTS.md §2).
 */
import type { ZObject } from 'zapier-platform-core';
import { defineInputField } from 'zapier-platform-core';
import { invalidValue, optionalBoolean, optionalText } from '../core/validation';
import { leniently } from './lenient';

export const DND_GROUP = 'dnd';

export type DndStatus = 'active' | 'inactive' | 'permanent';
export type DndChannel = 'SMS' | 'Email' | 'Call' | 'WhatsApp' | 'GMB' | 'FB';
export type DndSettings = Partial<Record<DndChannel, { status: DndStatus }>>;
export interface InboundDndSettings {
  all?: { status: Exclude<DndStatus, 'permanent'> };
}

/** Create Contact: a new contact has no DND to keep. */
export const createDndField = defineInputField({
  key: 'dnd',
  label: 'Do Not Disturb',
  type: 'boolean',
  group: DND_GROUP,
  helpText: 'Yes: HighLevel sends this contact no messages on any channel. Leave empty to allow them.',
});

/** Update Contact and Create or Update Contact: the contact may have a DND already. */
export const changeDndField = defineInputField({
  key: 'dnd',
  label: 'Do Not Disturb',
  type: 'boolean',
  group: DND_GROUP,
  helpText: 'Yes stops all messages to this contact; No allows them again. Leave empty to keep it as it is.',
});

const CHANNELS: ReadonlyArray<readonly [DndChannel, string, string]> = [
  ['SMS', 'dndSms', 'SMS'],
  ['Email', 'dndEmail', 'Email'],
  ['Call', 'dndCall', 'Calls'],
  ['WhatsApp', 'dndWhatsApp', 'WhatsApp'],
  ['GMB', 'dndGmb', 'Google Business Profile'],
  ['FB', 'dndFb', 'Facebook'],
];

const STATUS_CHOICES = [
  { value: 'active', label: 'On (no messages)', sample: 'active' },
  { value: 'inactive', label: 'Off (messages allowed)', sample: 'inactive' },
];

export const dndChannelFields = CHANNELS.map(([, key, name]) =>
  defineInputField({
    key,
    label: `Do Not Disturb: ${name}`,
    type: 'string',
    required: false,
    group: DND_GROUP,
    choices: [...STATUS_CHOICES, { value: 'permanent', label: 'Permanent', sample: 'permanent' }],
    helpText: `Only ${name}; the other channels are not changed. Leave empty to keep it as it is.`,
  }),
);

export const inboundDndField = defineInputField({
  key: 'dndInbound',
  label: 'Do Not Disturb: Inbound Messages',
  type: 'string',
  required: false,
  group: DND_GROUP,
  choices: STATUS_CHOICES,
  helpText:
    "HighLevel's inbound DND: for messages from this contact to the sub-account. Leave empty to keep it as it is.",
});

const STATUS_WORDS: Record<string, DndStatus> = {
  active: 'active',
  on: 'active',
  yes: 'active',
  true: 'active',
  inactive: 'inactive',
  off: 'inactive',
  no: 'inactive',
  false: 'inactive',
  permanent: 'permanent',
};

/** A status by its value, its label ("On (no messages)") or a yes/no; undefined when empty. */
const readStatus = (z: ZObject, value: unknown, label: string, permanent: boolean): DndStatus | undefined => {
  const text = optionalText(value)?.toLowerCase();
  if (text === undefined) return undefined;
  const status = STATUS_WORDS[text] ?? STATUS_WORDS[text.split(/[\s(]/)[0]];
  if (!status || (status === 'permanent' && !permanent)) {
    throw invalidValue(z, label, `must be ${permanent ? 'On, Off or Permanent' : 'On or Off'}`, value);
  }
  return status;
};

/** The DND parts of a contact body; unreadable values are left out and named in `warnings`. */
export const readDnd = (z: ZObject, input: Record<string, unknown>, warnings: string[] | undefined) => {
  const dndSettings: DndSettings = {};
  for (const [channel, key, name] of CHANNELS) {
    const status = leniently(warnings, () => readStatus(z, input[key], `Do Not Disturb: ${name}`, true));
    if (status) dndSettings[channel] = { status };
  }
  const inbound = leniently(warnings, () =>
    readStatus(z, input.dndInbound, 'Do Not Disturb: Inbound Messages', false),
  );
  return {
    dnd: leniently(warnings, () => optionalBoolean(z, input.dnd, 'Do Not Disturb')),
    ...(Object.keys(dndSettings).length > 0 ? { dndSettings } : {}),
    ...(inbound && inbound !== 'permanent' ? { inboundDndSettings: { all: { status: inbound } } } : {}),
  };
};
