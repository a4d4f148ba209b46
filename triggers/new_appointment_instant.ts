/**
 * New Appointment, instant (docs/INSTANT_TRIGGERS.md §6): the relay delivers each AppointmentCreate of the whole
 * sub-account (optionally one contact's, one calendar's); the appointment is output from the webhook as the
 * polling New Appointment outputs it, `id` being the fire's id and the appointment's in `appointmentId`. Times
 * come with an offset; only one without reads the sub-account's time zone (cached).
 */
import { defineInputFields } from 'zapier-platform-core';
import {
  appointmentOutputFields,
  appointmentSample,
  appointmentSchema,
  normaliseAppointment,
} from '../lib/appointments/model';
import { contactChoiceField } from '../lib/contacts/fields';
import { fromRecentContacts } from '../lib/contacts/instant';
import { hasZone } from '../lib/core/dates';
import { userError } from '../lib/core/errors';
import { withEventId } from '../lib/core/polling';
import { optionalId } from '../lib/core/validation';
import { getLocationCached } from '../lib/lookups/location';
import { asFire, asSample, instantTrigger, ruleField, SAMPLE_DELIVERY_ID } from '../lib/relay/hook';
import { perform as pollContactAppointments } from './new_appointment';

const inputFields = defineInputFields([
  ruleField(
    'Triggers within seconds each time an appointment is booked for any contact of the sub-account (or only the chosen contact, on the chosen calendar); rescheduling, status changes and cancellations do not trigger.',
  ),
  {
    ...contactChoiceField,
    helpText: 'Only appointments of this contact. Leave empty for every new appointment of the sub-account.',
  },
  {
    key: 'calendarId',
    label: 'Calendar',
    type: 'string',
    required: false,
    helpText:
      "Only appointments on this calendar: paste the calendar's ID (in HighLevel, Calendars → the calendar's settings; every appointment output also shows it as Calendar ID). Leave empty for every calendar.",
  },
]);

/** A wall-clock time HighLevel sent without an offset (it must be read in the sub-account's time zone). */
const lacksOffset = (value: unknown) => typeof value === 'string' && value !== '' && !hasZone(value);

export default instantTrigger({
  key: 'new_appointment_instant',
  relayTrigger: 'new_appointment',
  noun: 'Appointment',
  display: {
    label: 'New Appointment',
    description:
      'Triggers when a new appointment is booked for a contact. Rescheduling, status changes and cancellations do not trigger.',
  },
  inputFields,
  filters: (z, inputData) => ({
    contactId: optionalId(z, inputData.contactId, 'Contact'),
    calendarId: optionalId(z, inputData.calendarId, 'Calendar'),
  }),
  fromDelivery: async (z, bundle, delivery, { contactId, calendarId }) => {
    const parsed = appointmentSchema().safeParse(delivery.event.appointment);
    if (!parsed.success) {
      throw userError(
        z,
        'The instant trigger received an appointment event without a usable appointment, so it did not trigger. If it keeps happening, please contact support.',
        'unexpected_response',
      );
    }
    const event = parsed.data;
    if (contactId !== undefined && event.contactId !== contactId) return [];
    if (calendarId !== undefined && event.calendarId !== calendarId) return [];
    const timeZone =
      lacksOffset(event.startTime) || lacksOffset(event.endTime)
        ? ((await getLocationCached(z, bundle)).timezone ?? undefined)
        : undefined;
    return [asFire(normaliseAppointment(event, timeZone), 'appointmentId', delivery.id)];
  },
  // One contact's appointments as the polling trigger reads them; without a contact, a recent contact's.
  performList: async (z, bundle) => {
    const contactId = optionalId(z, bundle.inputData.contactId, 'Contact');
    const calendarId = optionalId(z, bundle.inputData.calendarId, 'Calendar');
    const sample = asSample(pollContactAppointments);
    const events =
      contactId !== undefined
        ? await sample(z, bundle)
        : await fromRecentContacts(z, bundle, (id) => sample(z, { ...bundle, inputData: { contactId: id } }));
    return events
      .filter((event) => calendarId === undefined || event.calendarId === calendarId)
      .map((event) => asFire(event, 'appointmentId'));
  },
  sample: { ...appointmentSample, id: SAMPLE_DELIVERY_ID, appointmentId: appointmentSample.id },
  outputFields: withEventId(appointmentOutputFields, { key: 'appointmentId', label: 'Appointment ID' }),
});
