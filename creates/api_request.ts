import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { API_VERSION } from '../lib/config';
import {
  API_REQUEST_METHODS,
  API_REQUEST_VERSIONS,
  type ApiRequestMethod,
  checkedApiPath,
  jsonBody,
  LOCATION_PLACEHOLDER,
  queryString,
  sendApiRequest,
} from '../lib/core/apiRequest';
import { userError } from '../lib/core/errors';

const inputFields = defineInputFields([
  {
    key: 'method',
    label: 'HTTP Method',
    type: 'string',
    required: true,
    default: 'GET',
    choices: [...API_REQUEST_METHODS],
  },
  {
    key: 'path',
    label: 'Path',
    type: 'string',
    required: true,
    helpText: `A path of HighLevel's API (https://services.leadconnectorhq.com), e.g. \`/contacts/abc123/appointments\`. \`${LOCATION_PLACEHOLDER}\` is replaced by the connected sub-account's ID. Full URLs and other hosts are refused.`,
  },
  {
    key: 'query',
    label: 'Query',
    type: 'string',
    dict: true,
    required: false,
    helpText: `Query parameters, e.g. \`locationId\` = \`${LOCATION_PLACEHOLDER}\`.`,
  },
  {
    key: 'body',
    label: 'Body (JSON)',
    type: 'text',
    required: false,
    helpText: `A JSON object or array, e.g. \`{"tags": ["vip"]}\`; \`${LOCATION_PLACEHOLDER}\` in its texts is replaced too. Not for GET.`,
  },
  {
    key: 'version',
    label: 'API Version',
    type: 'string',
    required: false,
    default: API_VERSION,
    choices: [...API_REQUEST_VERSIONS],
    helpText:
      'The `Version` header. Most HighLevel APIs use 2021-07-28; calendars and conversations use 2021-04-15.',
  },
]);

export const perform = (async (z, bundle) => {
  const method = String(bundle.inputData.method ?? 'GET')
    .trim()
    .toUpperCase();
  if (!(API_REQUEST_METHODS as readonly string[]).includes(method)) {
    throw userError(z, `HTTP Method must be one of ${API_REQUEST_METHODS.join(', ')}.`, 'invalid_input');
  }
  const version = String(bundle.inputData.version ?? '').trim() || API_VERSION;
  if (!(API_REQUEST_VERSIONS as readonly string[]).includes(version)) {
    throw userError(z, `API Version must be one of ${API_REQUEST_VERSIONS.join(', ')}.`, 'invalid_input');
  }
  const path = checkedApiPath(z, bundle, bundle.inputData.path);
  const query = queryString(z, bundle, bundle.inputData.query);
  const body = jsonBody(z, bundle, method as ApiRequestMethod, bundle.inputData.body);
  return sendApiRequest(z, bundle, { method: method as ApiRequestMethod, path, query, body, version });
}) satisfies CreatePerform<typeof inputFields>;

export default defineCreate({
  key: 'api_request',
  noun: 'API Request',
  display: {
    label: 'API Request',
    description:
      'Sends a request to any endpoint of the API with this connection, for what no other action covers.',
  },
  operation: {
    inputFields,
    perform,
    sample: {
      id: '2f6c1b5e-8a0d-4c3e-9f71-5d2b8e4a6c10',
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '99' },
      body: { contact: { id: 'ocQHyuzHvysMo5N5VsXc', firstName: 'Rosa' } },
    },
    outputFields: [
      // `headers` and `body` are objects of any shape; Zapier lists their keys from the sample and each run.
      { key: 'id', label: 'Request ID', type: 'string' },
      { key: 'status', label: 'HTTP Status', type: 'integer', primary: true },
    ],
  },
});
