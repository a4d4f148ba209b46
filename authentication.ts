/**
 * OAuth2 against HighLevel (HIGHLEVEL.md §2): sub-account (Location) tokens only, refresh tokens that
 * rotate and are single use, and a proactive refresh (lib/core/middleware.ts) ahead of the stored `expires_at`.
 */
import type { Authentication, Bundle, HttpResponse, ZObject } from 'zapier-platform-core';
import { SCOPES, TOKEN_PATH, apiBaseUrl, marketplaceBaseUrl } from './lib/config';
import { readErrorBody, redactSecrets, userError } from './lib/core/errors';
import { getLocation, normaliseLocation } from './lib/lookups/location';
import { lazySchema } from './lib/core/schema';

const tokenSchema = lazySchema((zod) =>
  zod.looseObject({
    access_token: zod.string().min(1),
    refresh_token: zod.string().min(1),
    expires_in: zod.coerce.number().positive().optional(),
    userType: zod.string().nullish(),
    locationId: zod.string().nullish(),
    companyId: zod.string().nullish(),
    userId: zod.string().nullish(),
  }),
);

/** HIGHLEVEL.md §2: access tokens live 86399 s; used only if a response leaves `expires_in` out. */
const DEFAULT_TOKEN_SECONDS = 86_399;

const oauthClient = (z: ZObject) => {
  const clientId = process.env.CLIENT_ID;
  const clientSecret = process.env.CLIENT_SECRET;
  if (!clientId || !clientSecret) {
    throw userError(
      z,
      'This integration is missing its HighLevel app credentials (CLIENT_ID and CLIENT_SECRET). Set them with `zapier-platform env:set`.',
      'invalid_client',
    );
  }
  return { clientId, clientSecret };
};

type Grant =
  { grant_type: 'authorization_code'; code: string } | { grant_type: 'refresh_token'; refresh_token: string };

const tokenFailure = (
  z: ZObject,
  response: Pick<HttpResponse, 'status' | 'content'>,
  grant: Grant,
  accessToken?: string,
) => {
  // HighLevel may echo what it was sent: the code or refresh token must never reach a message.
  const secrets = [
    process.env.CLIENT_SECRET,
    grant.grant_type === 'refresh_token' ? grant.refresh_token : grant.code,
  ];
  const { messages, error, traceId } = readErrorBody(
    redactSecrets(response.content, [...secrets, accessToken]),
  );
  const said = messages.join('; ');
  const trace = traceId ? ` (HighLevel trace ID: ${traceId})` : '';
  if (/location is not active/i.test(said)) {
    // Not a reason to reconnect: the same refresh token works again once the sub-account is active.
    return userError(
      z,
      `HighLevel says this sub-account is not active (it is paused or suspended). Zaps will work again once it is reactivated; there is no need to reconnect.${trace}`,
      'location_inactive',
      response.status,
    );
  }
  // The OAuth error code decides before any wording: an invalid_grant description may well mention the
  // client ("issued to another client", RFC 6749 §5.2) and is still a dead refresh token.
  if (
    error === 'invalid_grant' ||
    (error !== 'invalid_client' && /invalid grant|invalid_grant/i.test(said))
  ) {
    return grant.grant_type === 'refresh_token'
      ? new z.errors.ExpiredAuthError(
          'Your HighLevel connection has expired or was revoked. Reconnect your HighLevel account in Zapier to continue.',
        )
      : userError(
          z,
          `HighLevel did not accept the sign-in (the code expired or was already used). Please connect again.${trace}`,
          'bad_request',
          response.status,
        );
  }
  // HIGHLEVEL.md §2: a dead grant is a 400. A 401 (which core hands us without its body) is the client
  // failing to authenticate (RFC 6749 §5.2): the integration's owner must act, not the user.
  if (error === 'invalid_client' || /client/i.test(said) || response.status === 401) {
    return userError(
      z,
      `HighLevel rejected this integration's app credentials. The integration's owner must check CLIENT_ID and CLIENT_SECRET.${trace}`,
      'invalid_client',
      response.status,
    );
  }
  if (response.status === 429 || response.status >= 500) {
    return userError(
      z,
      `HighLevel's sign-in service had a temporary problem (HTTP ${response.status}). Please try again in a few minutes.${trace}`,
      'server_error',
      response.status,
    );
  }
  return userError(
    z,
    `HighLevel's sign-in failed (HTTP ${response.status})${said ? `: ${said}` : ''}.${trace}`,
    'bad_request',
    response.status,
  );
};

/** POST /oauth/token, form-encoded, `user_type=Location` (HIGHLEVEL.md §2). */
const requestToken = async (z: ZObject, bundle: Bundle, grant: Grant) => {
  const { clientId, clientSecret } = oauthClient(z);
  const redirectUri = bundle.inputData.redirect_uri;
  let response: HttpResponse;
  try {
    response = await z.request({
      url: `${apiBaseUrl()}${TOKEN_PATH}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: {
        client_id: clientId,
        client_secret: clientSecret,
        ...grant,
        user_type: 'Location',
        ...(typeof redirectUri === 'string' && redirectUri ? { redirect_uri: redirectUri } : {}),
      },
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
    } as Parameters<ZObject['request']>[0] & { throwForThrottlingEarly: boolean });
  } catch (error) {
    // With autoRefresh, core turns any 401 into RefreshAuthError before we see it: on the token
    // endpoint that means the grant (or the client) was rejected, never "refresh and retry".
    if (error instanceof z.errors.RefreshAuthError)
      throw tokenFailure(z, { status: 401, content: '' }, grant);
    throw error;
  }
  if (response.status >= 400) {
    const accessToken = bundle.authData?.access_token;
    throw tokenFailure(z, response, grant, typeof accessToken === 'string' ? accessToken : undefined);
  }
  let body: unknown;
  try {
    body = JSON.parse(response.content);
  } catch {
    body = undefined;
  }
  const token = tokenSchema().safeParse(body);
  if (!token.success) {
    throw userError(
      z,
      'HighLevel sent an unexpected sign-in response. Please try connecting again.',
      'unexpected_response',
    );
  }
  return token.data;
};

const expiresAt = (expiresIn: number | undefined): number =>
  Math.floor(Date.now() / 1000) + (expiresIn ?? DEFAULT_TOKEN_SECONDS);

const getAccessToken = async (z: ZObject, bundle: Bundle) => {
  const code = bundle.inputData.code;
  if (typeof code !== 'string' || code === '') {
    throw userError(
      z,
      'HighLevel did not return an authorization code. Please try connecting again.',
      'bad_request',
    );
  }
  const token = await requestToken(z, bundle, { grant_type: 'authorization_code', code });
  if (token.userType === 'Company' || !token.locationId) {
    // HIGHLEVEL.md §2 (#294): an agency admin can end up with a Company token, which cannot read contacts.
    throw userError(
      z,
      'You connected an agency (Company) account, but this integration works with a single sub-account. Connect again and, on the HighLevel screen, choose the sub-account (location) whose contacts you want to use.',
      'agency_token',
    );
  }
  return {
    access_token: token.access_token,
    refresh_token: token.refresh_token,
    locationId: token.locationId,
    companyId: token.companyId ?? '',
    userId: token.userId ?? '',
    expires_at: expiresAt(token.expires_in),
  };
};

const refreshAccessToken = async (z: ZObject, bundle: Bundle) => {
  const refreshToken = bundle.authData.refresh_token;
  if (!refreshToken) {
    throw new z.errors.ExpiredAuthError(
      'Your HighLevel connection has no refresh token. Reconnect your HighLevel account in Zapier.',
    );
  }
  const token = await requestToken(z, bundle, { grant_type: 'refresh_token', refresh_token: refreshToken });
  // Refresh tokens are single use: always keep the new one (Zapier merges this into authData).
  return {
    access_token: token.access_token,
    refresh_token: token.refresh_token,
    expires_at: expiresAt(token.expires_in),
    ...(token.locationId ? { locationId: token.locationId } : {}),
  };
};

/** The connection test: read the connected sub-account. */
const test = async (z: ZObject, bundle: Bundle) => normaliseLocation(await getLocation(z, bundle));

const authorizeUrl = async (z: ZObject, bundle: Bundle): Promise<string> => {
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: oauthClient(z).clientId,
    redirect_uri: String(bundle.inputData.redirect_uri ?? ''),
    scope: SCOPES.join(' '),
    state: String(bundle.inputData.state ?? ''),
  });
  return `${marketplaceBaseUrl()}/v2/oauth/chooselocation?${params.toString()}`;
};

/** The label users see next to the connection: the sub-account's name. */
const connectionLabel = async (_z: ZObject, bundle: Bundle): Promise<string> => {
  const name = bundle.inputData.name;
  const id = bundle.inputData.id;
  return typeof name === 'string' && name ? name : `Sub-account ${String(id ?? '')}`.trim();
};

export const authentication = {
  type: 'oauth2',
  test,
  connectionLabel,
  fields: [
    { key: 'locationId', type: 'string', required: false, computed: true },
    { key: 'companyId', type: 'string', required: false, computed: true },
    { key: 'userId', type: 'string', required: false, computed: true },
    { key: 'expires_at', type: 'integer', required: false, computed: true },
  ],
  oauth2Config: {
    authorizeUrl,
    getAccessToken,
    refreshAccessToken,
    autoRefresh: true,
    scope: SCOPES.join(' '),
  },
} satisfies Authentication;

export { getAccessToken, refreshAccessToken, test, connectionLabel, authorizeUrl };
