/** The time zones HighLevel offers (GET /locations/:id/timezones) and the "Time Zone" dropdown field. */
import { defineInputField, type ZObject } from 'zapier-platform-core';
import { apiPath, locationIdOf, send, type AuthBundle } from '../core/request';
import { lazySchema } from '../core/schema';

/** Key of the hidden dropdown trigger (triggers/timezone_list.ts). */
export const TIMEZONE_DROPDOWN = 'timezone_list';

/** The timezones response is undocumented (locations.json): accept a bare list or a wrapped one. */
const timezonesSchema = lazySchema((zod) =>
  zod.union([
    zod.array(zod.string()),
    zod.looseObject({ timeZones: zod.array(zod.string()) }).transform((body) => body.timeZones),
    zod.looseObject({ timezones: zod.array(zod.string()) }).transform((body) => body.timezones),
  ]),
);

export const listTimezones = async (z: ZObject, bundle: AuthBundle) =>
  send(z, {
    method: 'GET',
    path: apiPath`/locations/${locationIdOf(z, bundle)}/timezones`,
    schema: timezonesSchema(),
    scope: 'locations.readonly',
  });

export const timezoneField = defineInputField({
  key: 'timezone',
  label: 'Time Zone',
  type: 'string',
  required: false,
  dynamic: `${TIMEZONE_DROPDOWN}.id.label`,
  helpText: 'An IANA time zone, e.g. America/New_York.',
});
