// Talking to `wisp web`: the launch token travels only in the X-Wisp-Token header (never in a URL the server sees).

const tokenKey = 'wisp-token';

/**
 * Takes the token from the address bar's fragment (#token=…) into sessionStorage and removes it from the address bar,
 * so it is not left in the history or on screen; later reloads of the tab find it in sessionStorage.
 */
export function takeToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(tokenKey, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(tokenKey);
}

export function token(): string {
  return sessionStorage.getItem(tokenKey) ?? '';
}

/** An answer other than 2xx, carrying the server's sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { 'X-Wisp-Token': token() };
  // The server asks every state-changing call to say JSON, even one without a body (a form post cannot).
  if (method !== 'GET') headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'wisp web is not answering: is it still running?');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const sentence = (parsed as { error?: string } | undefined)?.error ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, sentence);
  }
  return parsed as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>('GET', path, undefined, signal);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

export const peerPath = (peer: string) => `/api/conversations/${encodeURIComponent(peer)}`;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
