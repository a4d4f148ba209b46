/**
 * The connected sub-account (location): its schema, GET /locations/:id (locations.json), and an hour-long
 * cache of it (its country and time zone rarely change). Phone numbers use its country; appointments its
 * time zone.
 */
import type { ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { cached } from '../core/cache';
import { apiPath, locationIdOf, quoted, send, type AuthBundle } from '../core/request';
import { fieldSchemas, lazySchema, orNull } from '../core/schema';

export const locationSchema = lazySchema((zod) => {
  const { text } = fieldSchemas();
  return zod.looseObject({
    id: zod.string().min(1),
    name: text,
    timezone: text,
    country: text,
    companyId: text,
    email: text,
    phone: text,
  });
});
export type HighLevelLocation = zod.infer<ReturnType<typeof locationSchema>>;

const locationEnvelope = lazySchema((zod) => zod.object({ location: locationSchema() }));

export const getLocation = async (z: ZObject, bundle: AuthBundle) => {
  const locationId = locationIdOf(z, bundle);
  return (
    await send(z, {
      method: 'GET',
      path: apiPath`/locations/${locationId}`,
      schema: locationEnvelope(),
      scope: 'locations.readonly',
      resource: quoted('sub-account', locationId),
    })
  ).location;
};

const LOCATION_TTL_SECONDS = 60 * 60;

/** The connected sub-account, cached for an hour. */
export const getLocationCached = async (z: ZObject, bundle: AuthBundle): Promise<HighLevelLocation> =>
  cached(
    z,
    `highlevel:location:v1:${locationIdOf(z, bundle)}`,
    LOCATION_TTL_SECONDS,
    () => getLocation(z, bundle),
    (value) => {
      const parsed = locationSchema().safeParse(value);
      return parsed.success ? parsed.data : undefined;
    },
  );

/** The sub-account as the connection test returns it. */
export interface Location {
  id: string;
  name: string | null;
  timezone: string | null;
  country: string | null;
}

export const normaliseLocation = (location: HighLevelLocation): Location => ({
  id: location.id,
  name: orNull(location.name),
  timezone: orNull(location.timezone),
  country: orNull(location.country),
});
