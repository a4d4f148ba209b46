/** lib/contacts/dnd.ts: Do Not Disturb for all channels, per channel and inbound (DndSettingsSchema). */
import { errors, type ZObject } from 'zapier-platform-core';
import { dndChannelLabel, dndInputFields, readDnd } from '../../../lib/contacts/dnd';

const z = { errors } as unknown as ZObject;

describe('the DND inputs', () => {
  type Field = { key: string; label: string; choices?: ReadonlyArray<{ value: string }> };
  const fields: readonly Field[] = dndInputFields('create');
  const [all] = fields;
  const channels = fields.slice(1, -1);
  const inbound = fields[fields.length - 1];

  it('one per channel of DndSettingsSchema, each On, Off or Permanent; inbound On or Off', () => {
    expect(all).toMatchObject({ key: 'dnd', label: 'Do Not Disturb', type: 'boolean' });
    expect(channels.map((field) => [field.key, field.label])).toEqual([
      ['dndSms', 'Do Not Disturb: SMS'],
      ['dndEmail', 'Do Not Disturb: Email'],
      ['dndCall', 'Do Not Disturb: Calls'],
      ['dndWhatsApp', 'Do Not Disturb: WhatsApp'],
      ['dndGmb', 'Do Not Disturb: Google Business Profile'],
      ['dndFb', 'Do Not Disturb: Facebook'],
    ]);
    for (const field of channels) {
      expect(field.choices?.map((choice) => choice.value)).toEqual(['active', 'inactive', 'permanent']);
    }
    expect(inbound).toMatchObject({ key: 'dndInbound', label: 'Do Not Disturb: Inbound Messages' });
    expect(inbound.choices?.map((choice) => choice.value)).toEqual(['active', 'inactive']);
  });

  it('the same inputs on both forms, their help fitting a new contact on create and keeping or changing it elsewhere', () => {
    const help = (form: 'create' | 'change') =>
      Object.fromEntries(dndInputFields(form).map((field) => [field.key, field.helpText]));
    expect(dndInputFields('change').map((field) => [field.key, field.label])).toEqual(
      dndInputFields('create').map((field) => [field.key, field.label]),
    );
    expect(help('create')).toEqual({
      dnd: 'Yes: HighLevel sends this contact no messages on any channel. Leave empty to allow them.',
      dndSms: 'Only SMS, for the new contact. Leave empty to set nothing for it.',
      dndEmail: 'Only Email, for the new contact. Leave empty to set nothing for it.',
      dndCall: 'Only Calls, for the new contact. Leave empty to set nothing for it.',
      dndWhatsApp: 'Only WhatsApp, for the new contact. Leave empty to set nothing for it.',
      dndGmb: 'Only Google Business Profile, for the new contact. Leave empty to set nothing for it.',
      dndFb: 'Only Facebook, for the new contact. Leave empty to set nothing for it.',
      dndInbound:
        "HighLevel's inbound DND: for messages from this contact to the sub-account. Leave empty to set nothing for it.",
    });
    expect(help('change')).toMatchObject({
      dnd: 'Yes stops all messages to this contact; No allows them again. Leave empty to keep it as it is.',
      dndGmb:
        'Only Google Business Profile; the other channels are not changed. Leave empty to keep it as it is.',
      dndInbound:
        "HighLevel's inbound DND: for messages from this contact to the sub-account. Leave empty to keep it as it is.",
    });
  });

  it("names a DndSettingsSchema channel by the editor's label", () => {
    expect(['SMS', 'Call', 'GMB', 'FB', 'WhatsApp'].map(dndChannelLabel)).toEqual([
      'Do Not Disturb: SMS',
      'Do Not Disturb: Calls',
      'Do Not Disturb: Google Business Profile',
      'Do Not Disturb: Facebook',
      'Do Not Disturb: WhatsApp',
    ]);
  });
});

describe('readDnd', () => {
  it('sends only the channels filled in, read by value, label or yes/no', () => {
    expect(
      readDnd(
        z,
        { dndSms: 'On (no messages)', dndCall: 'no', dndFb: 'PERMANENT', dndInbound: 'off' },
        undefined,
      ),
    ).toEqual({
      dnd: undefined,
      dndSettings: { SMS: { status: 'active' }, Call: { status: 'inactive' }, FB: { status: 'permanent' } },
      inboundDndSettings: { all: { status: 'inactive' } },
    });
    expect(readDnd(z, {}, undefined)).toEqual({ dnd: undefined });
  });

  it('leaves out an unreadable channel with a warning, or fails without a warnings list', () => {
    const warnings: string[] = [];
    expect(readDnd(z, { dndEmail: 'sometimes', dndSms: 'active' }, warnings)).toEqual({
      dnd: undefined,
      dndSettings: { SMS: { status: 'active' } },
    });
    expect(warnings).toEqual([
      'Do Not Disturb: Email must be On, Off or Permanent (got "sometimes"). It was left out; the rest was saved.',
    ]);
    expect(() => readDnd(z, { dndInbound: 'permanent' }, undefined)).toThrow(
      'Do Not Disturb: Inbound Messages must be On or Off',
    );
  });
});
