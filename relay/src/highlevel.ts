/**
 * The one call the relay makes to HighLevel: `GET /locations/<id>` with the user's access token, to check that
 * the token can read the sub-account a subscription names (docs/RELAY_CONTRACT.md §3). The token is used for this
 * request only: never stored, never logged. Redirects are not followed.
 */
export type TokenCheck = 'ok' | 'refused' | 'unavailable';

export const checkLocationToken = async (
  apiUrl: string,
  locationId: string,
  token: string,
  timeoutMs = 10_000,
): Promise<TokenCheck> => {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/locations/${encodeURIComponent(locationId)}`, {
      headers: { Authorization: `Bearer ${token}`, Version: '2021-07-28', Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return 'unavailable';
  }
  if (response.status >= 500 || response.status === 429) {
    await response.body?.cancel().catch(() => undefined);
    return 'unavailable';
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    return 'refused';
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return 'unavailable';
  }
  const record = (value: unknown): Record<string, unknown> | undefined =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const location = record(record(body)?.location) ?? record(body);
  const id = location?.id ?? location?._id;
  return id === locationId ? 'ok' : 'refused';
};
