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

/** The editor's labels, also the names the error messages use (docs/CONTACT_INPUTS.md §3). */
export const DND_LABEL = 'Do Not Disturb';
export const INBOUND_DND_LABEL = `${DND_LABEL}: Inbound Messages`;

const CHANNELS: ReadonlyArray<readonly [DndChannel, string, string]> = [
  ['SMS', 'dndSms', 'SMS'],
  ['Email', 'dndEmail', 'Email'],
  ['Call', 'dndCall', 'Calls'],
  ['WhatsApp', 'dndWhatsApp', 'WhatsApp'],
  ['GMB', 'dndGmb', 'Google Business Profile'],
  ['FB', 'dndFb', 'Facebook'],
];

const channelLabel = (name: string) => `${DND_LABEL}: ${name}`;

/** The label of a DndSettingsSchema channel (`GMB` → "Do Not Disturb: Google Business Profile"). */
export const dndChannelLabel = (channel: string): string => {
  const known = CHANNELS.find(([candidate]) => candidate.toLowerCase() === channel.toLowerCase());
  return channelLabel(known ? known[2] : channel);
};

const STATUS_CHOICES = [
  { value: 'active', label: 'On (no messages)', sample: 'active' },
  { value: 'inactive', label: 'Off (messages allowed)', sample: 'inactive' },
];

/** Create Contact's inputs set a new contact's DND; the others keep or change a DND the contact may have. */
export type DndForm = 'create' | 'change';

const HELP: Record<DndForm, { all: string; channel: (name: string) => string; leaveEmpty: string }> = {
  create: {
    all: 'Yes: HighLevel sends this contact no messages on any channel. Leave empty to allow them.',
    channel: (name) => `Only ${name}, for the new contact.`,
    leaveEmpty: 'Leave empty to set nothing for it.',
  },
  change: {
    all: 'Yes stops all messages to this contact; No allows them again. Leave empty to keep it as it is.',
    channel: (name) => `Only ${name}; the other channels are not changed.`,
    leaveEmpty: 'Leave empty to keep it as it is.',
  },
};

/** The DND inputs of a contact form: all channels, each channel, inbound messages. */
export const dndInputFields = (form: DndForm) => {
  const help = HELP[form];
  return [
    defineInputField({ key: 'dnd', label: DND_LABEL, type: 'boolean', group: DND_GROUP, helpText: help.all }),
    ...CHANNELS.map(([, key, name]) =>
      defineInputField({
        key,
        label: channelLabel(name),
        type: 'string',
        required: false,
        group: DND_GROUP,
        choices: [...STATUS_CHOICES, { value: 'permanent', label: 'Permanent', sample: 'permanent' }],
        helpText: `${help.channel(name)} ${help.leaveEmpty}`,
      }),
    ),
    defineInputField({
      key: 'dndInbound',
      label: INBOUND_DND_LABEL,
      type: 'string',
      required: false,
      group: DND_GROUP,
      choices: STATUS_CHOICES,
      helpText: `HighLevel's inbound DND: for messages from this contact to the sub-account. ${help.leaveEmpty}`,
    }),
  ] as const;
};

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
    const status = leniently(warnings, () => readStatus(z, input[key], channelLabel(name), true));
    if (status) dndSettings[channel] = { status };
  }
  const inbound = leniently(warnings, () => readStatus(z, input.dndInbound, INBOUND_DND_LABEL, false));
  return {
    dnd: leniently(warnings, () => optionalBoolean(z, input.dnd, DND_LABEL)),
    ...(Object.keys(dndSettings).length > 0 ? { dndSettings } : {}),
    ...(inbound && inbound !== 'permanent' ? { inboundDndSettings: { all: { status: inbound } } } : {}),
  };
};
