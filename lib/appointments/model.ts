/**
 * The appointment of a contact (calendars.json): schema, normaliser (wall-clock times read in the
 * sub-account's time zone, HIGHLEVEL.md §6), sample and labelled output fields.
 */
import type { z as zod } from 'zod';
import { isoDateTime, isoDateTimeInZone } from '../core/dates';
import { fieldSchemas, lazySchema, orNull } from '../core/schema';

export const appointmentSchema = lazySchema((zod) => {
  const { text, dateValue } = fieldSchemas();
  return zod.looseObject({
    id: zod.string().min(1),
    calendarId: text,
    title: text,
    status: text,
    appointmentStatus: text,
    assignedUserId: text,
    notes: text,
    address: text,
    startTime: dateValue,
    endTime: dateValue,
    locationId: text,
    contactId: text,
    dateAdded: dateValue,
    dateUpdated: dateValue,
  });
});
export type HighLevelAppointment = zod.infer<ReturnType<typeof appointmentSchema>>;

export interface Appointment {
  id: string;
  title: string | null;
  calendarId: string | null;
  status: string | null;
  appointmentStatus: string | null;
  startTime: string | null;
  endTime: string | null;
  assignedUserId: string | null;
  notes: string | null;
  address: string | null;
  contactId: string | null;
  dateAdded: string | null;
  dateUpdated: string | null;
}

export const normaliseAppointment = (
  event: HighLevelAppointment,
  timeZone: string | undefined,
  contactId?: string,
): Appointment => ({
  id: event.id,
  title: orNull(event.title),
  calendarId: orNull(event.calendarId),
  status: orNull(event.status),
  appointmentStatus: orNull(event.appointmentStatus),
  startTime: isoDateTimeInZone(event.startTime, timeZone),
  endTime: isoDateTimeInZone(event.endTime, timeZone),
  assignedUserId: orNull(event.assignedUserId),
  notes: orNull(event.notes),
  address: orNull(event.address),
  contactId: orNull(event.contactId) ?? contactId ?? null,
  dateAdded: isoDateTime(event.dateAdded),
  dateUpdated: isoDateTime(event.dateUpdated),
});

export const appointmentSample = {
  id: 'ZpTv3HkQ9wLm2NcX7rBd',
  title: 'Discovery call',
  calendarId: 'BqTwX8QFwXzpegMve9EQ',
  status: 'booked',
  appointmentStatus: 'confirmed',
  startTime: '2026-11-26T10:00:00-05:00',
  endTime: '2026-11-26T10:30:00-05:00',
  assignedUserId: 'y0BeYjuRIlDwsDcOHOJo',
  notes: 'Bring the pricing sheet.',
  address: 'Zoom',
  contactId: 'ocQHyuzHvysMo5N5VsXc',
  dateAdded: '2026-11-20T15:15:00.000+00:00',
  dateUpdated: '2026-11-20T15:15:00.000+00:00',
} satisfies Appointment;

export const appointmentOutputFields = [
  { key: 'id', label: 'Appointment ID', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'calendarId', label: 'Calendar ID', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'appointmentStatus', label: 'Appointment Status', type: 'string' },
  { key: 'startTime', label: 'Start Time', type: 'datetime' },
  { key: 'endTime', label: 'End Time', type: 'datetime' },
  { key: 'assignedUserId', label: 'Assigned User ID', type: 'string' },
  { key: 'notes', label: 'Notes', type: 'string' },
  { key: 'address', label: 'Address', type: 'string' },
  { key: 'contactId', label: 'Contact ID', type: 'string' },
  { key: 'dateAdded', label: 'Date Added', type: 'datetime' },
  { key: 'dateUpdated', label: 'Date Updated', type: 'datetime' },
] as const;
