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

export const isGroupId = (id: string) => /^03[0-9a-f]{64}$/.test(id);

/** A blinded ID: what a community's members are known by (15… or 25…, 66 hex). */
export const isBlindedId = (id: string) => /^(15|25)[0-9a-f]{64}$/.test(id);

/** A community room's web id (token@host:port) or a DM thread through one (member@token@host:port). */
export const isCommunityId = (id: string) => id.includes('@');

/** The parts of a DM thread's chat id (member@room), or null when `id` is not one. */
export function communityDm(id: string): { member: string; room: string } | null {
  const at = id.indexOf('@');
  if (at < 0 || !isBlindedId(id.slice(0, at))) return null;
  return { member: id.slice(0, at), room: id.slice(at + 1) };
}

export const communityPath = (room: string) => `/api/communities/${encodeURIComponent(room)}`;

/** The API path of a chat: a one-to-one conversation (05…), a group (03…), a community room or a DM through one. */
export function chatPath(peer: string): string {
  if (isGroupId(peer)) return `/api/groups/${encodeURIComponent(peer)}`;
  const dm = communityDm(peer);
  if (dm) return `${communityPath(dm.room)}/dms/${dm.member}`;
  if (isCommunityId(peer)) return communityPath(peer);
  return peerPath(peer);
}

/** Bytes of an upload the browser has handed to the server so far. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

/**
 * Sends a file's bytes as the body (application/octet-stream): XMLHttpRequest, because fetch cannot report upload
 * progress. The file is read by the browser as it goes; nothing here holds it whole.
 */
export function upload<T>(path: string, file: Blob, type: string, onProgress: (progress: UploadProgress) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('X-Wisp-Token', token());
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (type) xhr.setRequestHeader('X-Wisp-File-Type', type);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => reject(new ApiError(0, 'wisp web is not answering: is it still running?'));
    xhr.onabort = () => reject(new ApiError(0, 'The upload was cancelled.'));
    xhr.onload = () => {
      let parsed: unknown = undefined;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(new ApiError(xhr.status, (parsed as { error?: string } | undefined)?.error ?? `${xhr.status} ${xhr.statusText}`));
    };
    xhr.send(file);
  });
}

/** Fetches a file of the API (an attachment, a picture) with the token and returns it as a Blob (shown through a blob: URL). */
export async function getBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { 'X-Wisp-Token': token() }, credentials: 'omit', cache: 'no-store', signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'wisp web is not answering: is it still running?');
  }
  if (!response.ok) {
    let sentence = `${response.status} ${response.statusText}`;
    try {
      sentence = ((await response.json()) as { error?: string }).error ?? sentence;
    } catch {
      // Not JSON: the status says it.
    }
    throw new ApiError(response.status, sentence);
  }
  return response.blob();
}
