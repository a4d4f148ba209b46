/**
 * Contacts (apps/contacts.json): CRUD, upsert, search, duplicate lookup, business contacts, tags,
 * appointments and the deprecated list.
 */
import type { FastifyInstance } from 'fastify';
import { assertLocation, intParam, loadContact, newTraceId, type SandboxContext } from '../context';
import { resolveCustomFieldWrites, type CustomFieldInput } from '../customFields';
import { ApiError, MESSAGES, badRequest, unprocessable } from '../errors';
import { isValidEmail, isValidTimezone, normalizePhone, parseDateOfBirth } from '../normalize';
import {
  businessContactsQuery,
  createContactBody,
  duplicateQuery,
  listContactsQuery,
  searchContactsBody,
  tagsBody,
  updateContactBody,
  upsertContactBody,
} from '../schemas';
import { searchContacts, type SearchRequest } from '../search';
import { contactDto, eventDto, fullName, searchContactDto } from '../serialize';
import type { ContactPatch } from '../store';
import type { Contact, ContactCreateBody, DndSettings, InboundDndSettings } from '../types';

/** A string field of the app's body may also be null here: HighLevel clears the field. */
type Clearable<T> = { [K in keyof T]?: T[K] extends string | undefined ? T[K] | null : T[K] };
/**
 * What the app sends, plus what HighLevel accepts besides: null to clear a text field, DND settings, gender,
 * and custom fields by key or id with either spelling of the value. Country and postal code are not nullable.
 */
interface ContactBody extends Omit<Clearable<ContactCreateBody>, 'country' | 'postalCode' | 'customFields'> {
  country?: string;
  postalCode?: string;
  customFields?: CustomFieldInput[];
  dndSettings?: DndSettings;
  inboundDndSettings?: InboundDndSettings;
  gender?: string;
}
interface CreateContactBody extends ContactBody {
  locationId: string;
}
interface UpsertContactBody extends CreateContactBody {
  createNewIfDuplicateAllowed?: boolean;
}
interface ContactParams {
  contactId: string;
}

const PLAIN_FIELDS = [
  'firstName',
  'lastName',
  'name',
  'address1',
  'city',
  'state',
  'postalCode',
  'website',
  'source',
  'companyName',
  'assignedTo',
  'gender',
] as const;

const trimmedOrNull = (value: string | null): string | null => {
  if (value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

/** Body → store patch, with HighLevel's value checks (collected into one 422). */
const patchFromBody = (ctx: SandboxContext, locationId: string, body: ContactBody): ContactPatch => {
  const errors: string[] = [];
  const patch: ContactPatch = {};
  for (const field of PLAIN_FIELDS) {
    const value = body[field];
    if (value !== undefined) patch[field] = trimmedOrNull(value);
  }
  if (body.email !== undefined) {
    const email = trimmedOrNull(body.email);
    if (email !== null && !isValidEmail(email)) errors.push('email must be an email');
    patch.email = email;
  }
  if (body.phone !== undefined) {
    const phone = trimmedOrNull(body.phone);
    if (phone === null) patch.phone = null;
    else {
      const normalized = normalizePhone(phone);
      if (!normalized) errors.push('phone must be a valid phone number');
      patch.phone = normalized ?? null;
    }
  }
  if (body.dateOfBirth !== undefined) {
    if (body.dateOfBirth === null || body.dateOfBirth.trim() === '') patch.dateOfBirth = null;
    else {
      const date = parseDateOfBirth(body.dateOfBirth);
      if (!date) {
        errors.push(
          'dateOfBirth must be a valid date in one of the formats YYYY/MM/DD, MM/DD/YYYY, YYYY-MM-DD, MM-DD-YYYY, YYYY.MM.DD, MM.DD.YYYY, YYYY_MM_DD, MM_DD_YYYY',
        );
      }
      patch.dateOfBirth = date ?? null;
    }
  }
  if (body.country !== undefined) {
    if (!/^[A-Z]{2}$/.test(body.country))
      errors.push('country must be a valid ISO 3166-1 alpha-2 country code');
    patch.country = body.country;
  }
  if (body.timezone !== undefined) {
    const timezone = trimmedOrNull(body.timezone);
    if (timezone !== null && !isValidTimezone(timezone))
      errors.push('timezone must be a valid IANA time zone');
    patch.timezone = timezone;
  }
  if (body.dnd !== undefined) patch.dnd = body.dnd;
  if (body.dndSettings !== undefined) patch.dndSettings = body.dndSettings;
  if (body.inboundDndSettings !== undefined) patch.inboundDndSettings = body.inboundDndSettings;
  if (body.tags !== undefined) patch.tags = body.tags;
  if (body.customFields !== undefined) {
    try {
      patch.customFields = resolveCustomFieldWrites(ctx.store, locationId, body.customFields);
    } catch (error) {
      if (error instanceof ApiError && Array.isArray(error.body.message))
        errors.push(...(error.body.message as string[]));
      else throw error;
    }
  }
  if (errors.length > 0) throw unprocessable(errors);
  return patch;
};

/** HighLevel names the matching contact in `meta` (docs/ACTIONS.md §7). */
const duplicateError = (contact: Contact, matchingField: string): ApiError =>
  badRequest(MESSAGES.duplicateContact, {
    meta: { contactName: fullName(contact) ?? null, contactId: contact.id, matchingField },
  });

export const registerContactRoutes = (app: FastifyInstance, ctx: SandboxContext): void => {
  const { store } = ctx;

  app.post<{ Body: CreateContactBody }>(
    '/contacts/',
    { schema: { body: createContactBody }, config: { scope: 'contacts.write' } },
    async (request, reply) => {
      const { locationId } = request.body;
      assertLocation(ctx, request, locationId);
      const patch = patchFromBody(ctx, locationId, request.body);
      const location = store.location(locationId);
      if (location && !location.allowDuplicateContact) {
        const match = store.findDuplicate(locationId, { email: patch.email, phone: patch.phone });
        if (match) throw duplicateError(match.contact, match.matchingField);
      }
      const contact = store.createContact(locationId, patch);
      return reply.code(201).send({ contact: contactDto(contact) });
    },
  );

  app.get<{ Params: ContactParams }>(
    '/contacts/:contactId',
    { config: { scope: 'contacts.readonly' } },
    async (request) => ({ contact: contactDto(loadContact(ctx, request, request.params.contactId)) }),
  );

  app.put<{ Params: ContactParams; Body: ContactBody }>(
    '/contacts/:contactId',
    { schema: { body: updateContactBody }, config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const patch = patchFromBody(ctx, contact.locationId, request.body);
      const location = store.location(contact.locationId);
      if (location && !location.allowDuplicateContact) {
        const match = store.findDuplicate(
          contact.locationId,
          { email: patch.email, phone: patch.phone },
          contact.id,
        );
        if (match) throw duplicateError(match.contact, match.matchingField);
      }
      const updated = store.updateContact(contact.id, patch) ?? contact;
      return { succeded: true, contact: contactDto(updated) };
    },
  );

  app.delete<{ Params: ContactParams }>(
    '/contacts/:contactId',
    { config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      store.deleteContact(contact.id);
      return { succeded: true };
    },
  );

  /**
   * Upsert follows the location's duplicate rule: match by the priority fields (email, then phone);
   * when email and phone match two different contacts, the first match is updated and the second
   * field is ignored (#37). 201 + new:true when created, 200 + new:false when updated.
   */
  app.post<{ Body: UpsertContactBody }>(
    '/contacts/upsert',
    { schema: { body: upsertContactBody }, config: { scope: 'contacts.write' } },
    async (request, reply) => {
      const { locationId, createNewIfDuplicateAllowed } = request.body;
      assertLocation(ctx, request, locationId);
      const patch = patchFromBody(ctx, locationId, request.body);
      const location = store.location(locationId);
      const forceNew = createNewIfDuplicateAllowed === true && location?.allowDuplicateContact === true;
      const match = forceNew
        ? undefined
        : store.findDuplicate(locationId, { email: patch.email, phone: patch.phone });
      const traceId = newTraceId();
      if (!match) {
        const contact = store.createContact(locationId, patch);
        return reply.code(201).send({ new: true, contact: contactDto(contact), traceId });
      }
      const target = match.contact;
      const other: 'email' | 'phone' = match.matchingField === 'email' ? 'phone' : 'email';
      const otherValue = patch[other];
      if (otherValue) {
        const clash = store.findDuplicate(locationId, { [other]: otherValue }, target.id);
        if (clash) delete patch[other];
      }
      const updated = store.updateContact(target.id, patch) ?? target;
      return reply.code(200).send({ new: false, contact: contactDto(updated), traceId });
    },
  );

  app.post<{ Body: SearchRequest }>(
    '/contacts/search',
    { schema: { body: searchContactsBody }, config: { scope: 'contacts.readonly' } },
    async (request) => {
      assertLocation(ctx, request, request.body.locationId);
      const result = searchContacts(store, request.body);
      return {
        contacts: result.hits.map((hit) => searchContactDto(hit.contact, hit.searchAfter)),
        total: result.total,
        traceId: newTraceId(),
      };
    },
  );

  /** Not found is `{contact: null}` (the spec documents no body; this is the documented-by-practice shape). */
  app.get<{ Querystring: { locationId: string; email?: string; number?: string } }>(
    '/contacts/search/duplicate',
    { schema: { querystring: duplicateQuery }, config: { scope: 'contacts.readonly' } },
    async (request) => {
      const { locationId, email, number } = request.query;
      assertLocation(ctx, request, locationId);
      if (!email && !number) throw badRequest('Pass at least one of number, email query parameter');
      const match = store.findDuplicate(locationId, { email, phone: number });
      return { contact: match ? contactDto(match.contact) : null, traceId: newTraceId() };
    },
  );

  app.get<{
    Params: { businessId: string };
    Querystring: { locationId: string; limit?: string; skip?: string; query?: string };
  }>(
    '/contacts/business/:businessId',
    { schema: { querystring: businessContactsQuery }, config: { scope: 'contacts.readonly' } },
    async (request) => {
      const { locationId, query } = request.query;
      assertLocation(ctx, request, locationId);
      const errors: string[] = [];
      const limit = intParam(request.query.limit, 'limit', { min: 1, max: 100, fallback: 25 }, errors);
      const skip = intParam(request.query.skip, 'skip', { min: 0, fallback: 0 }, errors);
      if (errors.length > 0) throw unprocessable(errors);
      const ids = store.index(locationId).businesses.get(request.params.businessId) ?? new Set<string>();
      const q = query?.trim().toLowerCase();
      const contacts = [...ids]
        .map((id) => store.contact(id))
        .filter((c): c is NonNullable<typeof c> => c !== undefined)
        .filter(
          (c) =>
            !q ||
            `${c.firstName ?? ''} ${c.lastName ?? ''}`.toLowerCase().includes(q) ||
            (c.email ?? '').toLowerCase().includes(q) ||
            (c.phone ?? '').includes(q),
        )
        .sort((a, b) => b.dateAdded - a.dateAdded || (a.id < b.id ? 1 : -1));
      return { contacts: contacts.slice(skip, skip + limit).map(contactDto), count: contacts.length };
    },
  );

  /** Deprecated list (GET /contacts/): newest first, cursor = startAfter (epoch ms) + startAfterId. */
  app.get<{
    Querystring: {
      locationId: string;
      query?: string;
      limit?: string;
      startAfterId?: string;
      startAfter?: string;
    };
  }>(
    '/contacts/',
    { schema: { querystring: listContactsQuery }, config: { scope: 'contacts.readonly' } },
    async (request) => {
      const { locationId, query, startAfterId, startAfter } = request.query;
      assertLocation(ctx, request, locationId);
      const errors: string[] = [];
      const limit = intParam(request.query.limit, 'limit', { min: 1, max: 100, fallback: 20 }, errors);
      const after =
        startAfter !== undefined
          ? intParam(startAfter, 'startAfter', { min: 0, fallback: 0 }, errors)
          : undefined;
      if (errors.length > 0) throw unprocessable(errors);
      const result = searchContacts(store, {
        locationId,
        pageLimit: limit,
        query,
        sort: [{ field: 'dateAdded', direction: 'desc' }],
        searchAfter: after !== undefined && startAfterId ? [after, startAfterId] : undefined,
      });
      const last = result.hits[result.hits.length - 1];
      return {
        contacts: result.hits.map((hit) => contactDto(hit.contact)),
        count: result.total,
        meta: {
          total: result.total,
          ...(last ? { startAfterId: last.contact.id, startAfter: last.contact.dateAdded } : {}),
        },
      };
    },
  );

  app.post<{ Params: ContactParams; Body: { tags: string[] } }>(
    '/contacts/:contactId/tags',
    { schema: { body: tagsBody }, config: { scope: 'contacts.write' } },
    async (request, reply) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const updated = store.addTags(contact.id, request.body.tags) ?? contact;
      return reply.code(201).send({ tags: [...updated.tags] });
    },
  );

  app.delete<{ Params: ContactParams; Body: { tags: string[] } }>(
    '/contacts/:contactId/tags',
    { schema: { body: tagsBody }, config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const updated = store.removeTags(contact.id, request.body.tags) ?? contact;
      return { tags: [...updated.tags] };
    },
  );

  app.get<{ Params: ContactParams }>(
    '/contacts/:contactId/appointments',
    { config: { scope: 'contacts.readonly' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const timeZone = store.location(contact.locationId)?.timezone ?? 'UTC';
      return { events: store.appointmentsFor(contact.id).map((event) => eventDto(event, timeZone)) };
    },
  );
};
