/** The sub-account's businesses (businesses.json): schema, GET /businesses/, and the "Business" field. */
import { defineInputField, type ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';
import { locationIdOf, send, type AuthBundle } from '../core/request';
import { fieldSchemas, lazySchema } from '../core/schema';

/** Key of the hidden dropdown trigger (triggers/business_list.ts). */
export const BUSINESS_DROPDOWN = 'business_list';

export const businessSchema = lazySchema((zod) =>
  zod.looseObject({ id: zod.string().min(1), name: fieldSchemas().text }),
);
export type HighLevelBusiness = zod.infer<ReturnType<typeof businessSchema>>;

const businessesEnvelope = lazySchema((zod) => zod.object({ businesses: zod.array(businessSchema()) }));

export const listBusinesses = async (z: ZObject, bundle: AuthBundle) =>
  (
    await send(z, {
      method: 'GET',
      path: '/businesses/',
      query: { locationId: locationIdOf(z, bundle) },
      schema: businessesEnvelope(),
      scope: 'businesses.readonly',
    })
  ).businesses;

export const businessIdField = defineInputField({
  key: 'businessId',
  label: 'Business',
  type: 'string',
  required: true,
  dynamic: `${BUSINESS_DROPDOWN}.id.label`,
  helpText: 'A business of the sub-account.',
});
