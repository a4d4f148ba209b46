/**
 * New Appointment: a chosen contact's appointments (GET /contacts/:id/appointments), newest first by when
 * they were booked (`dateAdded`, else `startTime`). Start and end times come without an offset
 * (HIGHLEVEL.md §6): they are read in the sub-account's time zone (cached for an hour).
 */
import { defineInputFields, defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';
import { listContactAppointments } from '../lib/appointments/api';
import { appointmentOutputFields, appointmentSample, normaliseAppointment } from '../lib/appointments/model';
import { pollContactField } from '../lib/contacts/fields';
import { timestampOf } from '../lib/core/dates';
import { newestFirst, SAMPLE_PAGE_LIMIT, uniqueBy } from '../lib/core/polling';
import { requiredId } from '../lib/core/validation';
import { getLocationCached } from '../lib/lookups/location';

const inputFields = defineInputFields([
  { ...pollContactField, helpText: 'The contact whose new appointments trigger.' },
]);

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const events = newestFirst(
    uniqueBy(await listContactAppointments(z, contactId), (event) => event.id),
    (event) => timestampOf(event.dateAdded) ?? timestampOf(event.startTime),
  );
  const shown = bundle.meta.isLoadingSample ? events.slice(0, SAMPLE_PAGE_LIMIT) : events;
  if (shown.length === 0) return [];
  const timeZone = (await getLocationCached(z, bundle)).timezone ?? undefined;
  return shown.map((event) => normaliseAppointment(event, timeZone, contactId));
}) satisfies PollingTriggerPerform<typeof inputFields>;

export default defineTrigger({
  key: 'new_appointment',
  noun: 'Appointment',
  display: {
    label: 'New Appointment',
    description: 'Triggers when a new appointment is booked for a contact.',
  },
  operation: {
    type: 'polling',
    inputFields,
    perform,
    sample: appointmentSample,
    outputFields: [...appointmentOutputFields],
  },
});
