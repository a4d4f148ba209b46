/** Location lookups (locations.json), users (users.json) and businesses (businesses.json). */
import type { FastifyInstance } from 'fastify';
import { assertLocation, intParam, type SandboxContext } from '../context';
import { forbiddenLocation, unprocessable } from '../errors';
import { timezoneList } from '../normalize';
import { businessesQuery, customFieldsQuery, usersQuery } from '../schemas';
import { businessDto, customFieldDto, locationDto, tagDto, userDto } from '../serialize';

interface LocationParams {
  locationId: string;
}

export const registerLocationRoutes = (app: FastifyInstance, ctx: SandboxContext): void => {
  const { store } = ctx;

  /** Agency (Company) tokens may read locations of their company (spec: Agency-Access). */
  app.get<{ Params: LocationParams }>(
    '/locations/:locationId',
    { config: { scope: 'locations.readonly' } },
    async (request) => {
      assertLocation(ctx, request, request.params.locationId, { allowCompany: true });
      const location = store.location(request.params.locationId);
      if (!location) throw forbiddenLocation();
      return { location: locationDto(location) };
    },
  );

  /** `model` absent → every model (contact and opportunity fields); the integration should send model=contact. */
  app.get<{ Params: LocationParams; Querystring: { model?: 'contact' | 'opportunity' | 'all' } }>(
    '/locations/:locationId/customFields',
    { schema: { querystring: customFieldsQuery }, config: { scope: 'locations/customFields.readonly' } },
    async (request) => {
      assertLocation(ctx, request, request.params.locationId);
      const model = request.query.model;
      const fields = store.customFieldsOf(request.params.locationId, model === 'all' ? undefined : model);
      return { customFields: fields.sort((a, b) => a.position - b.position).map(customFieldDto) };
    },
  );

  app.get<{ Params: LocationParams }>(
    '/locations/:locationId/tags',
    { config: { scope: 'locations/tags.readonly' } },
    async (request) => {
      assertLocation(ctx, request, request.params.locationId);
      const tags = store
        .tags(request.params.locationId)
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      return { tags: tags.map(tagDto) };
    },
  );

  /** The spec documents no response body; HighLevel answers `{timezones: string[]}` (IANA names). */
  app.get<{ Params: LocationParams }>(
    '/locations/:locationId/timezones',
    { config: { scope: 'locations.readonly' } },
    async (request) => {
      assertLocation(ctx, request, request.params.locationId);
      return { timezones: timezoneList() };
    },
  );

  app.get<{ Querystring: { locationId: string } }>(
    '/users/',
    { schema: { querystring: usersQuery }, config: { scope: 'users.readonly' } },
    async (request) => {
      assertLocation(ctx, request, request.query.locationId);
      return { users: store.usersOf(request.query.locationId).map(userDto) };
    },
  );

  app.get<{ Querystring: { locationId: string; limit?: string; skip?: string } }>(
    '/businesses/',
    { schema: { querystring: businessesQuery }, config: { scope: 'businesses.readonly' } },
    async (request) => {
      assertLocation(ctx, request, request.query.locationId);
      const errors: string[] = [];
      const limit = intParam(request.query.limit, 'limit', { min: 1, fallback: 100 }, errors);
      const skip = intParam(request.query.skip, 'skip', { min: 0, fallback: 0 }, errors);
      if (errors.length > 0) throw unprocessable(errors);
      const businesses = store.businessesOf(request.query.locationId);
      return { businesses: businesses.slice(skip, skip + limit).map(businessDto) };
    },
  );
};
