/**
 * What route handlers share: the store, the token service, and the location / contact access checks.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError, forbiddenLocation, unauthorized } from './errors';
import type { SandboxStore } from './store';
import type { Rng } from './random';
import type { AccessTokenRecord, TokenService } from './tokens';
import type { Contact, Scope } from './types';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on API routes. */
    auth?: AccessTokenRecord;
  }
  interface FastifyContextConfig {
    /** Marks an API route and names the scope it needs (HIGHLEVEL.md §3). */
    scope?: Scope;
    /** The OAuth token endpoint (fault injection reaches it only with `faults.oauth`). */
    oauth?: boolean;
  }
}

/** How tasks are answered (SandboxOptions.taskDates / taskSearchOrder; Sandbox.taskOptions changes them). */
export interface TaskOptions {
  dates: boolean;
  searchOrder: 'shuffled' | 'newest';
}

export interface SandboxContext {
  store: SandboxStore;
  tokens: TokenService;
  clientId: string;
  clientSecret: string;
  /** Mutable switches. */
  state: {
    companyTokens: boolean;
  };
  /** Called when an authorization code is exchanged: a new install (the webhooks send INSTALL). */
  onInstall?: (grant: { locationId?: string; companyId: string; userId: string }) => void;
  /** Status for unknown contact/task/note ids (default 400, as the spec's BadRequestDTO). */
  notFoundStatus: 400 | 404;
  /** How tasks are answered (SandboxOptions.taskDates / taskSearchOrder). */
  tasks: {
    options: TaskOptions;
    /** Draws the salt of each new shuffled listing. */
    orderRng: Rng;
    /** The salt of the current shuffled listing per location and filter set. */
    orders: Map<string, number>;
  };
}

export const newTraceId = (): string => randomUUID();

export const authOf = (request: FastifyRequest): AccessTokenRecord => {
  if (!request.auth) throw unauthorized();
  return request.auth;
};

/** 403 unless the token is for `locationId` (or a Company token of its agency, where allowed). */
export const assertLocation = (
  ctx: SandboxContext,
  request: FastifyRequest,
  locationId: string,
  options: { allowCompany?: boolean } = {},
): void => {
  const auth = authOf(request);
  if (auth.userType === 'Company') {
    const location = ctx.store.location(locationId);
    if (options.allowCompany && location && location.companyId === auth.companyId) return;
    throw forbiddenLocation();
  }
  if (auth.locationId !== locationId) throw forbiddenLocation();
};

export const notFound = (ctx: SandboxContext, what: 'Contact' | 'Task' | 'Note'): ApiError =>
  new ApiError(ctx.notFoundStatus, {
    statusCode: ctx.notFoundStatus,
    message: `${what} not found`,
    ...(ctx.notFoundStatus === 404 ? { error: 'Not Found' } : {}),
  });

/** The contact, after the location check: unknown → not found, another location's → 403. */
export const loadContact = (ctx: SandboxContext, request: FastifyRequest, contactId: string): Contact => {
  const auth = authOf(request);
  if (auth.userType === 'Company') throw forbiddenLocation();
  const contact = ctx.store.contact(contactId);
  if (!contact) throw notFound(ctx, 'Contact');
  if (contact.locationId !== auth.locationId) throw forbiddenLocation();
  return contact;
};

/** Parses an integer query parameter (query strings are strings); collects 422 messages. */
export const intParam = (
  value: string | undefined,
  name: string,
  options: { min: number; max?: number; fallback: number },
  errors: string[],
): number => {
  if (value === undefined || value === '') return options.fallback;
  if (!/^\d+$/.test(value)) {
    errors.push(`${name} must be a number string`);
    return options.fallback;
  }
  const n = Number(value);
  if (n < options.min) errors.push(`${name} must not be less than ${options.min}`);
  if (options.max !== undefined && n > options.max)
    errors.push(`${name} must not be greater than ${options.max}`);
  return n;
};
