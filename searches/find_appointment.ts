/**
 * Find Appointment: a contact's next upcoming appointment (the earliest starting now or later) or the
 * latest one (the most recent that has already started), from GET /contacts/{id}/appointments.
 * Appointment times come without an offset (HIGHLEVEL.md §6) and are read in the sub-account's time zone.
 * Requests: one, plus the sub-account once an hour (cached) when there is an appointment to compare.
 */
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { nullIfNotFound, userError } from '../lib/core/errors';
import { contactIdField } from '../lib/contacts/fields';
import { listContactAppointments } from '../lib/appointments/api';
import { timestampOf } from '../lib/core/dates';
import { comparing } from '../lib/core/matching';
import {
  appointmentOutputFields,
  appointmentSample,
  type HighLevelAppointment,
  normaliseAppointment,
} from '../lib/appointments/model';
import { optionalText, requiredId } from '../lib/core/validation';
import { getLocationCached } from '../lib/lookups/location';

const WHICH = [
  { value: 'next', label: 'Next Upcoming', sample: 'next' },
  { value: 'latest', label: 'Latest (Most Recent Past)', sample: 'latest' },
];

/** calendars.json, AppointmentSchemaResponse.appointmentStatus. */
const STATUSES = [
  { value: 'new', label: 'New', sample: 'new' },
  { value: 'confirmed', label: 'Confirmed', sample: 'confirmed' },
  { value: 'showed', label: 'Showed', sample: 'showed' },
  { value: 'noshow', label: 'No Show', sample: 'noshow' },
  { value: 'cancelled', label: 'Cancelled', sample: 'cancelled' },
  { value: 'invalid', label: 'Invalid', sample: 'invalid' },
  { value: 'active', label: 'Active', sample: 'active' },
  { value: 'completed', label: 'Completed', sample: 'completed' },
];

/** Without a status filter these are skipped: they will not (or did not) take place. */
const SKIPPED_BY_DEFAULT = new Set(['cancelled', 'invalid']);

const inputFields = defineInputFields([
  contactIdField,
  {
    key: 'which',
    label: 'Which Appointment',
    type: 'string',
    required: true,
    default: 'next',
    choices: WHICH,
    helpText:
      'Next Upcoming: the earliest one starting now or later. Latest: the most recent one that has already started.',
  },
  {
    key: 'status',
    label: 'Status',
    type: 'string',
    required: false,
    choices: STATUSES,
    helpText: 'Only appointments with this status. Leave empty for any status except Cancelled and Invalid.',
  },
]);

const choiceOf = (choices: Array<{ value: string; label: string }>, value: string | undefined) =>
  value === undefined
    ? undefined
    : choices.find((choice) => choice.value === value.toLowerCase() || choice.label === value)?.value;

const statusOf = (event: HighLevelAppointment) =>
  (event.appointmentStatus ?? event.status ?? '').toLowerCase();

export const perform = (async (z, bundle) => {
  const contactId = requiredId(z, bundle.inputData.contactId, 'Contact');
  const whichText = optionalText(bundle.inputData.which);
  const which = whichText === undefined ? 'next' : choiceOf(WHICH, whichText);
  if (which === undefined) {
    throw userError(
      z,
      `Which Appointment must be "next" (Next Upcoming) or "latest" (Latest) (got "${whichText?.slice(0, 60)}").`,
      'invalid_input',
    );
  }
  const statusText = optionalText(bundle.inputData.status);
  const status = choiceOf(STATUSES, statusText);
  if (statusText !== undefined && status === undefined) {
    throw userError(
      z,
      `Status must be one of ${STATUSES.map((choice) => choice.value).join(', ')} (got "${statusText.slice(0, 60)}").`,
      'invalid_input',
    );
  }

  const events = (await nullIfNotFound(listContactAppointments(z, contactId))) ?? [];
  const wanted = events.filter((event) =>
    status === undefined ? !SKIPPED_BY_DEFAULT.has(statusOf(event)) : statusOf(event) === status,
  );
  if (wanted.length === 0) return [];
  const timeZone = (await getLocationCached(z, bundle)).timezone ?? undefined;
  const now = Date.now();
  const timed = wanted
    .map((event) => normaliseAppointment(event, timeZone, contactId))
    .map((appointment) => ({ appointment, start: timestampOf(appointment.startTime) }))
    .filter(
      (item): item is { appointment: typeof item.appointment; start: number } => item.start !== undefined,
    );
  const chosen =
    which === 'next'
      ? timed.filter((item) => item.start >= now).sort(comparing((item) => item.start))
      : timed.filter((item) => item.start < now).sort(comparing((item) => -item.start));
  return chosen.map((item) => item.appointment);
}) satisfies SearchPerform<typeof inputFields>;

export default defineSearch({
  key: 'find_appointment',
  noun: 'Appointment',
  display: {
    label: 'Find Appointment',
    description: "Finds a contact's next upcoming or latest appointment.",
  },
  operation: {
    inputFields,
    perform,
    sample: appointmentSample,
    outputFields: [...appointmentOutputFields],
  },
});
