/**
 * OAuth 2.0 (docs/Authorization.md, apps/oauth.json, HIGHLEVEL.md §2): the marketplace's
 * choose-location page (auto-consent) and the form-encoded token endpoint with rotating refresh tokens.
 */
import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';
import { ApiError, MESSAGES } from '../errors';
import { DEMO_COMPANY_ID, DEMO_LOCATION_ID, DEMO_USER_ID } from '../store';
import { chooseLocationQuery, tokenBody } from '../schemas';
import type { TokenGrant } from '../tokens';
import { SCOPES } from '../../lib/scopes';

interface TokenRequestBody {
  client_id: string;
  client_secret: string;
  grant_type: 'authorization_code' | 'refresh_token' | 'client_credentials';
  code?: string;
  refresh_token?: string;
  user_type?: 'Company' | 'Location';
  redirect_uri?: string;
}

interface ChooseLocationQuery {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  scope?: string;
  state?: string;
}

/** OAuth errors carry both the RFC 6749 fields and HighLevel's `message` / `statusCode`. */
export const oauthError = (statusCode: number, error: string, description: string): ApiError =>
  new ApiError(statusCode, { error, error_description: description, message: description, statusCode });

export const INVALID_REFRESH = 'Invalid grant: refresh token is invalid';
export const INVALID_CODE = 'Invalid grant: authorization code is invalid';

export const registerOAuthRoutes = (app: FastifyInstance, ctx: SandboxContext): void => {
  const { store, tokens } = ctx;
  const locationActive = (): boolean => store.location(DEMO_LOCATION_ID)?.active !== false;
  const inactive = (): ApiError => new ApiError(400, { message: MESSAGES.locationInactive, statusCode: 400 });

  /** Auto-consent: the demo admin "chooses" the demo sub-account at once. */
  app.get<{ Querystring: ChooseLocationQuery }>(
    '/v2/oauth/chooselocation',
    { schema: { querystring: chooseLocationQuery } },
    async (request, reply) => {
      const { response_type, client_id, redirect_uri, scope, state } = request.query;
      if (response_type !== 'code')
        throw new ApiError(400, { statusCode: 400, message: 'response_type must be code' });
      if (client_id !== ctx.clientId)
        throw new ApiError(400, { statusCode: 400, message: 'Invalid client_id' });
      let target: URL;
      try {
        target = new URL(redirect_uri);
      } catch {
        throw new ApiError(400, { statusCode: 400, message: 'redirect_uri must be a valid URL' });
      }
      const scopes = (scope ?? '').split(/\s+/).filter(Boolean);
      const code = tokens.issueCode(client_id, redirect_uri, scopes.length > 0 ? scopes : [...SCOPES]);
      target.searchParams.set('code', code);
      if (state !== undefined) target.searchParams.set('state', state);
      return reply.redirect(target.toString(), 302);
    },
  );

  app.post<{ Body: TokenRequestBody }>(
    '/oauth/token',
    {
      schema: { body: tokenBody },
      config: { oauth: true },
      preValidation: async (request) => {
        const type = String(request.headers['content-type'] ?? '');
        if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
          throw new ApiError(415, {
            statusCode: 415,
            message: 'Content-Type must be application/x-www-form-urlencoded',
            error: 'Unsupported Media Type',
          });
        }
      },
    },
    async (request) => {
      const body = request.body;
      if (body.client_id !== ctx.clientId || body.client_secret !== ctx.clientSecret) {
        throw oauthError(401, 'invalid_client', 'Invalid client: client credentials are invalid');
      }
      if (body.grant_type === 'authorization_code') {
        if (!body.code)
          throw oauthError(400, 'invalid_request', 'code is required for grant_type authorization_code');
        const record = tokens.peekCode(body.code);
        if (!record || record.clientId !== body.client_id)
          throw oauthError(400, 'invalid_grant', INVALID_CODE);
        if (body.redirect_uri !== undefined && body.redirect_uri !== record.redirectUri) {
          throw oauthError(
            400,
            'invalid_grant',
            'Invalid grant: redirect_uri does not match the authorization request',
          );
        }
        if (!locationActive()) throw inactive();
        tokens.consumeCode(body.code);
        const company = ctx.state.companyTokens || body.user_type === 'Company';
        const grant: TokenGrant = {
          userType: company ? 'Company' : 'Location',
          ...(company ? {} : { locationId: DEMO_LOCATION_ID }),
          companyId: DEMO_COMPANY_ID,
          userId: DEMO_USER_ID,
          scopes: record.scopes,
        };
        const minted = tokens.mint(grant);
        ctx.onInstall?.(grant);
        return minted;
      }
      if (body.grant_type === 'refresh_token') {
        if (!body.refresh_token) {
          throw oauthError(400, 'invalid_request', 'refresh_token is required for grant_type refresh_token');
        }
        const record = tokens.peekRefreshToken(body.refresh_token);
        if (!record) throw oauthError(400, 'invalid_grant', INVALID_REFRESH);
        // A paused sub-account refuses the refresh but keeps the refresh token valid.
        if (record.userType === 'Location' && !locationActive()) throw inactive();
        tokens.consumeRefreshToken(body.refresh_token);
        const grant: TokenGrant = {
          userType: record.userType,
          ...(record.locationId ? { locationId: record.locationId } : {}),
          companyId: record.companyId,
          userId: record.userId,
          scopes: record.scopes,
        };
        return tokens.mint(grant);
      }
      throw oauthError(
        400,
        'unsupported_grant_type',
        `grant_type ${body.grant_type} is not supported by this app`,
      );
    },
  );
};
