/**
 * Bulk contact updates (contacts.json, tag "Bulk"): tags of many contacts at once and contacts added to /
 * removed from a business. The spec declares no security for these two; the sandbox asks for the scope the
 * app uses for them, BULK_CONTACTS_SCOPE (lib/scopes.ts).
 */
import type { FastifyInstance } from 'fastify';
import { BULK_CONTACTS_SCOPE } from '../../lib/scopes';
import { assertLocation, type SandboxContext } from '../context';
import { badRequest } from '../errors';
import { bulkBusinessBody, bulkTagsBody } from '../schemas';

interface BulkTagsBody {
  contacts: string[];
  tags: string[];
  locationId: string;
  removeAllTags?: boolean;
}
interface BulkBusinessBody {
  locationId: string;
  ids: string[];
  businessId: string | null;
}

/** One entry of UpdateTagsResponseDTO.responses (the spec's example; its `items` say string, wrongly). */
type TagResponse =
  | {
      contactId: string;
      message: string;
      type: 'success';
      oldTags: string[];
      tagsAdded: string[];
      tagsRemoved: string[];
    }
  | { contactId: string; message: string; type: 'error' };

/** The spec's example messages for contacts it could not update. */
const NOT_AN_ID = 'contact id is not a valid firebase id';
const DELETED = 'contact is deleted';
const OTHER_LOCATION = 'contact does not belong to location';

export const registerBulkRoutes = (app: FastifyInstance, ctx: SandboxContext): void => {
  const { store } = ctx;

  app.post<{ Params: { type: string }; Body: BulkTagsBody }>(
    '/contacts/bulk/tags/update/:type',
    { schema: { body: bulkTagsBody }, config: { scope: BULK_CONTACTS_SCOPE } },
    async (request, reply) => {
      const { type } = request.params;
      if (type !== 'add' && type !== 'remove') throw badRequest('type must be one of add, remove');
      const { contacts, tags, locationId, removeAllTags } = request.body;
      assertLocation(ctx, request, locationId);
      if (removeAllTags === true && type !== 'remove')
        throw badRequest('removeAllTags can only be used with the remove type');
      const responses: TagResponse[] = contacts.map((contactId) => {
        if (!/^[A-Za-z0-9]{1,40}$/.test(contactId)) return { contactId, message: NOT_AN_ID, type: 'error' };
        const contact = store.contact(contactId);
        if (!contact) return { contactId, message: DELETED, type: 'error' };
        if (contact.locationId !== locationId) return { contactId, message: OTHER_LOCATION, type: 'error' };
        const oldTags = [...contact.tags];
        const toRemove = removeAllTags === true ? oldTags : tags;
        const updated =
          type === 'add' ? store.addTags(contact.id, tags) : store.removeTags(contact.id, toRemove);
        const newTags = updated?.tags ?? oldTags;
        return {
          contactId,
          message: 'Tags updated',
          type: 'success',
          oldTags,
          tagsAdded: newTags.filter((tag) => !oldTags.includes(tag)),
          tagsRemoved: oldTags.filter((tag) => !newTags.includes(tag)),
        };
      });
      const errorCount = responses.filter((entry) => entry.type === 'error').length;
      return reply
        .code(201)
        .send({ succeded: errorCount < responses.length || responses.length === 0, errorCount, responses });
    },
  );

  /** `ids` in the answer are the contacts that were updated; unknown or foreign ids are left out. */
  app.post<{ Body: BulkBusinessBody }>(
    '/contacts/bulk/business',
    { schema: { body: bulkBusinessBody }, config: { scope: BULK_CONTACTS_SCOPE } },
    async (request) => {
      const { locationId, ids, businessId } = request.body;
      assertLocation(ctx, request, locationId);
      if (businessId !== null && !store.businessesOf(locationId).some((b) => b.id === businessId)) {
        throw badRequest('Business not found');
      }
      const updated: string[] = [];
      for (const id of new Set(ids)) {
        const contact = store.contact(id);
        if (!contact || contact.locationId !== locationId) continue;
        store.updateContact(contact.id, { businessId });
        updated.push(contact.id);
      }
      return { success: true, ids: updated };
    },
  );
};
