/**
 * Workflows and campaigns (apps/workflows.json, campaigns.json), a contact's workflow and campaign
 * enrolments and followers (contacts.json), and the user search (users.json GET /users/search).
 * The spec documents the success bodies only; unknown workflows / campaigns answer like unknown
 * contacts (the spec's 400 BadRequestDTO by default, `notFoundStatus` otherwise).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { automationOf } from '../automation';
import { ApiError, forbiddenLocation, unprocessable } from '../errors';
import { assertLocation, authOf, intParam, loadContact, type SandboxContext } from '../context';
import { parseIsoDateTime } from '../normalize';
import {
  campaignBody,
  campaignsQuery,
  followersBody,
  usersSearchQuery,
  workflowBody,
  workflowsQuery,
} from '../schemas';
import { userDto } from '../serialize';

interface WorkflowParams {
  contactId: string;
  workflowId: string;
}
interface CampaignParams {
  contactId: string;
  campaignId: string;
}
interface UsersSearchQuery {
  companyId: string;
  query?: string;
  skip?: string;
  limit?: string;
  locationId?: string;
  type?: string;
  role?: string;
  ids?: string;
  sort?: string;
  sortDirection?: string;
  enabled2waySync?: 'true' | 'false';
}

const EVENT_START_MESSAGE = 'eventStartTime must be a valid ISO 8601 date string';

export const registerAutomationRoutes = (app: FastifyInstance, ctx: SandboxContext): void => {
  const { store } = ctx;
  const state = () => automationOf(store);

  const notFound = (what: 'Workflow' | 'Campaign'): ApiError =>
    new ApiError(ctx.notFoundStatus, {
      statusCode: ctx.notFoundStatus,
      message: `${what} not found`,
      ...(ctx.notFoundStatus === 404 ? { error: 'Not Found' } : {}),
    });

  const loadWorkflow = (locationId: string, workflowId: string) => {
    const workflow = state().workflows.find((w) => w.id === workflowId);
    if (!workflow || workflow.locationId !== locationId) throw notFound('Workflow');
    return workflow;
  };
  const loadCampaign = (locationId: string, campaignId: string) => {
    const campaign = state().campaigns.find((c) => c.id === campaignId);
    if (!campaign || campaign.locationId !== locationId) throw notFound('Campaign');
    return campaign;
  };

  // ---- lists ----

  app.get<{ Querystring: { locationId: string } }>(
    '/workflows/',
    { schema: { querystring: workflowsQuery }, config: { scope: 'workflows.readonly' } },
    async (request) => {
      assertLocation(ctx, request, request.query.locationId);
      return {
        workflows: state()
          .workflows.filter((w) => w.locationId === request.query.locationId)
          .map((w) => ({
            id: w.id,
            name: w.name,
            status: w.status,
            version: w.version,
            createdAt: new Date(w.createdAt).toISOString(),
            updatedAt: new Date(w.updatedAt).toISOString(),
            locationId: w.locationId,
          })),
      };
    },
  );

  app.get<{ Querystring: { locationId: string; status?: string } }>(
    '/campaigns/',
    { schema: { querystring: campaignsQuery }, config: { scope: 'campaigns.readonly' } },
    async (request) => {
      const { locationId, status } = request.query;
      assertLocation(ctx, request, locationId);
      return {
        campaigns: state()
          .campaigns.filter((c) => c.locationId === locationId && (!status || c.status === status))
          .map((c) => ({ id: c.id, name: c.name, status: c.status, locationId: c.locationId })),
      };
    },
  );

  // ---- a contact's workflows ----

  app.post<{ Params: WorkflowParams; Body: { eventStartTime?: string } | undefined }>(
    '/contacts/:contactId/workflow/:workflowId',
    { schema: { body: workflowBody }, config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const workflow = loadWorkflow(contact.locationId, request.params.workflowId);
      const raw = request.body?.eventStartTime;
      const startsAt = raw === undefined ? store.now() : parseIsoDateTime(raw);
      if (startsAt === undefined) throw unprocessable([EVENT_START_MESSAGE]);
      const enrolments = (state().enrolments.get(contact.id) ?? []).filter(
        (e) => e.workflowId !== workflow.id,
      );
      enrolments.push({ workflowId: workflow.id, startsAt });
      state().enrolments.set(contact.id, enrolments);
      return { succeded: true };
    },
  );

  app.delete<{ Params: WorkflowParams; Body: { eventStartTime?: string } | undefined }>(
    '/contacts/:contactId/workflow/:workflowId',
    { schema: { body: workflowBody }, config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const workflow = loadWorkflow(contact.locationId, request.params.workflowId);
      const raw = request.body?.eventStartTime;
      if (raw !== undefined && parseIsoDateTime(raw) === undefined)
        throw unprocessable([EVENT_START_MESSAGE]);
      const left = (state().enrolments.get(contact.id) ?? []).filter((e) => e.workflowId !== workflow.id);
      if (left.length > 0) state().enrolments.set(contact.id, left);
      else state().enrolments.delete(contact.id);
      return { succeded: true };
    },
  );

  // ---- a contact's campaigns ----

  app.post<{ Params: CampaignParams; Body: Record<string, never> | undefined }>(
    '/contacts/:contactId/campaigns/:campaignId',
    { schema: { body: campaignBody }, config: { scope: 'contacts.write' } },
    async (request, reply) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const campaign = loadCampaign(contact.locationId, request.params.campaignId);
      const members = state().campaignMembers.get(contact.id) ?? new Set<string>();
      members.add(campaign.id);
      state().campaignMembers.set(contact.id, members);
      return reply.code(201).send({ succeded: true });
    },
  );

  // Registered before `:campaignId`; fastify prefers the static segment either way.
  app.delete<{ Params: { contactId: string } }>(
    '/contacts/:contactId/campaigns/removeAll',
    { config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      state().campaignMembers.delete(contact.id);
      return { succeded: true };
    },
  );

  app.delete<{ Params: CampaignParams }>(
    '/contacts/:contactId/campaigns/:campaignId',
    { config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const campaign = loadCampaign(contact.locationId, request.params.campaignId);
      const members = state().campaignMembers.get(contact.id);
      members?.delete(campaign.id);
      if (members?.size === 0) state().campaignMembers.delete(contact.id);
      return { succeded: true };
    },
  );

  // ---- followers ----

  /** Followers must be users of the contact's sub-account (a 400 naming the others otherwise). */
  const followerIds = (request: FastifyRequest<{ Body: { followers: string[] } }>, locationId: string) => {
    const users = new Set(store.usersOf(locationId).map((user) => user.id));
    const ids = [...new Set(request.body.followers.map((id) => id.trim()).filter((id) => id !== ''))];
    const unknown = ids.filter((id) => !users.has(id));
    if (unknown.length > 0) {
      throw new ApiError(400, { statusCode: 400, message: `User not found: ${unknown.join(', ')}` });
    }
    return ids;
  };

  app.post<{ Params: { contactId: string }; Body: { followers: string[] } }>(
    '/contacts/:contactId/followers',
    { schema: { body: followersBody }, config: { scope: 'contacts.write' } },
    async (request, reply) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const ids = followerIds(request, contact.locationId);
      const current = state().followers.get(contact.id) ?? [];
      const added = ids.filter((id) => !current.includes(id));
      const followers = [...current, ...added];
      state().followers.set(contact.id, followers);
      return reply.code(201).send({ followers, followersAdded: added });
    },
  );

  app.delete<{ Params: { contactId: string }; Body: { followers: string[] } }>(
    '/contacts/:contactId/followers',
    { schema: { body: followersBody }, config: { scope: 'contacts.write' } },
    async (request) => {
      const contact = loadContact(ctx, request, request.params.contactId);
      const ids = followerIds(request, contact.locationId);
      const current = state().followers.get(contact.id) ?? [];
      const removed = current.filter((id) => ids.includes(id));
      const followers = current.filter((id) => !ids.includes(id));
      if (followers.length > 0) state().followers.set(contact.id, followers);
      else state().followers.delete(contact.id);
      return { followers, followersRemoved: removed };
    },
  );

  // ---- users ----

  /**
   * users.json: `companyId` is required; a Location token may only search its own company (and, with
   * `locationId`, only its own sub-account). Sorted by first then last name, as the spec's default.
   */
  app.get<{ Querystring: UsersSearchQuery }>(
    '/users/search',
    { schema: { querystring: usersSearchQuery }, config: { scope: 'users.readonly' } },
    async (request) => {
      const auth = authOf(request);
      const { companyId, locationId } = request.query;
      if (auth.companyId !== companyId) throw forbiddenLocation();
      if (locationId !== undefined) assertLocation(ctx, request, locationId, { allowCompany: true });
      else if (auth.userType === 'Location' && auth.locationId === undefined) throw forbiddenLocation();
      const errors: string[] = [];
      const limit = intParam(request.query.limit, 'limit', { min: 1, max: 100, fallback: 25 }, errors);
      const skip = intParam(request.query.skip, 'skip', { min: 0, fallback: 0 }, errors);
      if (errors.length > 0) throw unprocessable(errors);
      const scope = locationId ?? (auth.userType === 'Location' ? auth.locationId : undefined);
      const ids = request.query.ids
        ? new Set(request.query.ids.split(',').map((id) => id.trim()))
        : undefined;
      const query = request.query.query?.trim().toLowerCase();
      const users = store.users
        .filter((user) => user.companyId === companyId)
        .filter((user) => scope === undefined || user.locationIds.includes(scope))
        .filter((user) => !ids || ids.has(user.id))
        .filter((user) => !request.query.role || user.role === request.query.role)
        .filter(
          (user) =>
            !query ||
            user.name.toLowerCase().includes(query) ||
            user.email.toLowerCase().includes(query) ||
            user.phone.includes(query),
        )
        .sort((a, b) => a.firstName.localeCompare(b.firstName) || a.lastName.localeCompare(b.lastName));
      return { users: users.slice(skip, skip + limit).map(userDto), count: users.length };
    },
  );
};
