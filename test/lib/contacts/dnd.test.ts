/** lib/contacts/dnd.ts: Do Not Disturb for all channels, per channel and inbound (DndSettingsSchema). */
import { errors, type ZObject } from 'zapier-platform-core';
import {
  changeDndField,
  createDndField,
  dndChannelFields,
  inboundDndField,
  readDnd,
} from '../../../lib/contacts/dnd';

const z = { errors } as unknown as ZObject;

describe('the DND inputs', () => {
  it('one per channel of DndSettingsSchema, each On, Off or Permanent; inbound On or Off', () => {
    expect(dndChannelFields.map((field) => [field.key, field.label])).toEqual([
      ['dndSms', 'Do Not Disturb: SMS'],
      ['dndEmail', 'Do Not Disturb: Email'],
      ['dndCall', 'Do Not Disturb: Calls'],
      ['dndWhatsApp', 'Do Not Disturb: WhatsApp'],
      ['dndGmb', 'Do Not Disturb: Google Business Profile'],
      ['dndFb', 'Do Not Disturb: Facebook'],
    ]);
    for (const field of dndChannelFields) {
      expect(field.choices.map((choice) => choice.value)).toEqual(['active', 'inactive', 'permanent']);
    }
    expect(inboundDndField.choices.map((choice) => choice.value)).toEqual(['active', 'inactive']);
  });

  it('the all-channels help fits a new contact on create, and keeping or changing it elsewhere', () => {
    expect(createDndField.helpText).toBe(
      'Yes: HighLevel sends this contact no messages on any channel. Leave empty to allow them.',
    );
    expect(changeDndField.helpText).toContain('No allows them again. Leave empty to keep it as it is.');
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
