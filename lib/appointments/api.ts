/** The appointment endpoints: GET /contacts/:id/appointments (contacts.json). */
import type { ZObject } from 'zapier-platform-core';
import { apiPath, quoted, send } from '../core/request';
import { lazySchema } from '../core/schema';
import { appointmentSchema } from './model';

const eventsEnvelope = lazySchema((zod) => zod.object({ events: zod.array(appointmentSchema()) }));

export const listContactAppointments = async (z: ZObject, contactId: string) =>
  (
    await send(z, {
      method: 'GET',
      path: apiPath`/contacts/${contactId}/appointments`,
      schema: eventsEnvelope(),
      scope: 'contacts.readonly',
      resource: quoted('contact', contactId),
    })
  ).events;
