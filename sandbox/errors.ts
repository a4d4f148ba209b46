/**
 * HighLevel's error bodies (common/common-schemas.json: BadRequestDTO, UnauthorizedDTO,
 * UnprocessableDTO) and the class-validator style messages HighLevel's NestJS services produce.
 */
import { STATUS_CODES } from 'node:http';

export type ErrorBody = Record<string, unknown> & { statusCode?: number };

/** Thrown by route handlers; the error handler sends `body` with `statusCode`. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${statusCode}`);
  }
}

export const MESSAGES = {
  invalidToken: 'Invalid token: access token is invalid',
  versionMissing: 'Version header was not found',
  versionInvalid: 'Version header is invalid: the only supported value is 2021-07-28',
  wrongLocation: 'The token does not have access to this location',
  wrongScope: 'The token is not authorized for this scope.',
  tooManyRequests: 'Too many requests',
  locationInactive: 'Location is not active',
  duplicateContact: 'This location does not allow duplicated contacts.',
} as const;

export const badRequest = (message: string, extra: Record<string, unknown> = {}): ApiError =>
  new ApiError(400, { statusCode: 400, message, ...extra });

/** 401 UnauthorizedDTO: missing, unknown or expired bearer token. */
export const unauthorized = (): ApiError =>
  new ApiError(401, { statusCode: 401, message: MESSAGES.invalidToken, error: 'Unauthorized' });

export const forbiddenLocation = (): ApiError =>
  new ApiError(403, { statusCode: 403, message: MESSAGES.wrongLocation });

/**
 * A call outside the token's scopes: HighLevel answers 401 (not 403) with this message (docs/CONNECTION.md §3),
 * so a client cannot tell it from an expired token by the status alone.
 */
export const forbiddenScope = (): ApiError =>
  new ApiError(401, { statusCode: 401, message: MESSAGES.wrongScope });

/** 422 UnprocessableDTO: `message` is always an array. */
export const unprocessable = (messages: string[]): ApiError =>
  new ApiError(422, { statusCode: 422, message: messages, error: 'Unprocessable Entity' });

export const locationInactive = (): ApiError =>
  new ApiError(400, { statusCode: 400, message: MESSAGES.locationInactive });

/** A generic body for a status (used by fault injection and unexpected errors). */
export const statusBody = (statusCode: number): ErrorBody => {
  if (statusCode === 401) return { statusCode, message: MESSAGES.invalidToken, error: 'Unauthorized' };
  if (statusCode === 429) return { statusCode, message: MESSAGES.tooManyRequests };
  if (statusCode === 422)
    return { statusCode, message: ['Unprocessable Entity'], error: 'Unprocessable Entity' };
  return { statusCode, message: STATUS_CODES[statusCode] ?? `HTTP ${statusCode}` };
};

// ---- class-validator style messages from ajv errors ----

/** The subset of an ajv ErrorObject the formatter reads. */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const dotted = (instancePath: string): string =>
  instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

const typeMessage = (path: string, type: unknown): string => {
  const types = (Array.isArray(type) ? type : [type]).filter((t) => t !== 'null');
  const first = String(types[0] ?? 'string');
  const segments = path.split('.');
  const last = segments[segments.length - 1];
  // "each value in tags must be a string" for elements of primitive arrays.
  const subject =
    /^\d+$/.test(last) && first !== 'object' ? `each value in ${segments.slice(0, -1).join('.')}` : path;
  switch (first) {
    case 'string':
      return `${subject} must be a string`;
    case 'number':
      return `${subject} must be a number conforming to the specified constraints`;
    case 'integer':
      return `${subject} must be an integer number`;
    case 'boolean':
      return `${subject} must be a boolean value`;
    case 'array':
      return `${subject} must be an array`;
    case 'object':
      return path
        ? `nested property ${path} must be either object or array`
        : 'request body must be a JSON object';
    default:
      return `${subject} must be of type ${first}`;
  }
};

export const formatSchemaError = (error: SchemaError): string => {
  const path = dotted(error.instancePath);
  const prefix = path ? `${path}.` : '';
  const params = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${prefix}property ${String(params.additionalProperty)} should not exist`;
    case 'required': {
      const missing = `${prefix}${String(params.missingProperty)}`;
      return `${missing} should not be empty`;
    }
    case 'type':
      return typeMessage(path, params.type);
    case 'enum':
      return `${path} must be one of the following values: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'minimum':
      return `${path} must not be less than ${String(params.limit)}`;
    case 'maximum':
      return `${path} must not be greater than ${String(params.limit)}`;
    case 'maxLength':
      return `${path} must be shorter than or equal to ${String(params.limit)} characters`;
    case 'minLength':
      return `${path} should not be empty`;
    case 'maxItems':
      return `${path} must contain no more than ${String(params.limit)} elements`;
    case 'minItems':
      return `${path} must contain at least ${String(params.limit)} elements`;
    default:
      return `${path || 'body'} ${error.message ?? 'is invalid'}`;
  }
};

export const formatSchemaErrors = (errors: readonly SchemaError[]): string[] => {
  const messages: string[] = [];
  for (const error of errors) {
    const message = formatSchemaError(error);
    if (!messages.includes(message)) messages.push(message);
  }
  return messages;
};
