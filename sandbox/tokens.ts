/**
 * OAuth state: authorization codes, access tokens and rotating single-use refresh tokens
 * (HIGHLEVEL.md §2). Tokens are opaque random strings.
 */
import { randomBytes } from 'node:crypto';

export type UserType = 'Location' | 'Company';

export interface TokenGrant {
  userType: UserType;
  /** Only Location tokens carry a location. */
  locationId?: string;
  companyId: string;
  userId: string;
  scopes: string[];
}

export interface AccessTokenRecord extends TokenGrant {
  token: string;
  expiresAt: number;
}

interface RefreshTokenRecord extends TokenGrant {
  token: string;
  expiresAt: number;
}

interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
  userType: UserType;
  locationId?: string;
  companyId: string;
  userId: string;
  planId: string;
  approvedLocations: string[];
  isBulkInstallation: boolean;
}

const CODE_LIFETIME_MS = 10 * 60_000;
const REFRESH_LIFETIME_MS = 365 * 86_400_000;
export const SANDBOX_PLAN_ID = 'sbxPlanFree000000001';

const opaque = (prefix: string): string => `${prefix}${randomBytes(24).toString('hex')}`;

export class TokenService {
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(
    public accessTokenLifetimeSeconds: number,
    /** Locations a Company token lists as approved. */
    private readonly approvedLocations: () => string[],
  ) {}

  issueCode(clientId: string, redirectUri: string, scopes: string[]): string {
    const code = opaque('sbx_code_');
    this.codes.set(code, { code, clientId, redirectUri, scopes, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** Looks a code up without consuming it. */
  peekCode(code: string): AuthorizationCode | undefined {
    const record = this.codes.get(code);
    if (!record || record.expiresAt < Date.now()) return undefined;
    return record;
  }

  consumeCode(code: string): void {
    this.codes.delete(code);
  }

  peekRefreshToken(token: string): RefreshTokenRecord | undefined {
    const record = this.refreshTokens.get(token);
    if (!record || record.expiresAt < Date.now()) return undefined;
    return record;
  }

  /** Kills a refresh token (rotation: every refresh token works once). */
  consumeRefreshToken(token: string): void {
    this.refreshTokens.delete(token);
  }

  mint(grant: TokenGrant): TokenResponse {
    const now = Date.now();
    const access = opaque('sbx_at_');
    const refresh = opaque('sbx_rt_');
    const lifetime = this.accessTokenLifetimeSeconds;
    this.accessTokens.set(access, {
      ...grant,
      scopes: [...grant.scopes],
      token: access,
      expiresAt: now + lifetime * 1000,
    });
    this.refreshTokens.set(refresh, {
      ...grant,
      scopes: [...grant.scopes],
      token: refresh,
      expiresAt: now + REFRESH_LIFETIME_MS,
    });
    const response: TokenResponse = {
      access_token: access,
      token_type: 'Bearer',
      expires_in: lifetime,
      refresh_token: refresh,
      scope: grant.scopes.join(' '),
      userType: grant.userType,
      companyId: grant.companyId,
      userId: grant.userId,
      planId: SANDBOX_PLAN_ID,
      approvedLocations:
        grant.userType === 'Location' && grant.locationId ? [grant.locationId] : this.approvedLocations(),
      isBulkInstallation: false,
    };
    if (grant.userType === 'Location') response.locationId = grant.locationId;
    return response;
  }

  /** The live access token record, or undefined when unknown or expired. */
  lookupAccessToken(token: string): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(token);
    if (!record) return undefined;
    if (record.expiresAt <= Date.now()) return undefined;
    return record;
  }

  expireAccessTokens(): void {
    for (const record of this.accessTokens.values()) record.expiresAt = 0;
  }
}
