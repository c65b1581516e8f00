import { createContext, useCallback, useContext, useEffect, useState } from 'react';

/** Calls the API with the signed-in user's token; one per app, provided by `ApiContext`. */
export type ApiClient = {
  get<T>(path: string): Promise<T>;
  /** A record with the ETag it was read at, for a later change with If-Match. */
  getTagged<T>(path: string): Promise<Tagged<T>>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** A file (the CSV report) as a Blob, for a download link. */
  download(path: string): Promise<Blob>;
};

export type Tagged<T> = { data: T; etag: string | null };

/** A field the API found invalid: its path (`body.shares.0.amount`) and what is wrong with it. */
export type ApiProblem = { path: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: ApiProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * Where the API is, baked in at build time from VITE_API_BASE_URL: empty locally, where the local host serves the
 * tab and the API from one origin; the Function App's URL in Azure, where the tab is served from elsewhere.
 */
const API_BASE_URL: string = (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/+$/, '');

export function createApiClient(getToken: () => Promise<string>, onUnauthorised: () => void): ApiClient {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${API_BASE_URL}/api/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await getToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    if (response.status === 401) onUnauthorised();
    if (!response.ok) {
      const answer = (await response.json().catch(() => null)) as {
        error?: { message?: string; problems?: ApiProblem[] };
      } | null;
      throw new ApiError(
        response.status,
        answer?.error?.message ?? `The API answered ${response.status}.`,
        answer?.error?.problems ?? [],
      );
    }
    return response;
  };
  return {
    get: async (path) => (await call('GET', path)).json(),
    getTagged: async (path) => {
      const response = await call('GET', path);
      return { data: await response.json(), etag: response.headers.get('etag') };
    },
    send: async (method, path, body, headers) => {
      const response = await call(method, path, body, headers);
      return response.status === 204 ? (undefined as never) : response.json();
    },
    download: async (path) => (await call('GET', path)).blob(),
  };
}

export const ApiContext = createContext<ApiClient | null>(null);

export function useApiClient(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApiClient outside ApiContext');
  return client;
}

export type Loadable<T> = { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ready'; data: T };

/** GETs `path` (null: nothing yet) and re-reads it on `reload()`; pages render loading, error and data from it. */
export function useApi<T>(path: string | null): Loadable<T> & { reload(): void } {
  return useLoad<T>(path, false);
}

/** As `useApi`, as `{ data, etag }`: the ETag of what was read, for a form that changes it. */
export function useTaggedApi<T>(path: string | null): Loadable<Tagged<T>> & { reload(): void } {
  return useLoad<Tagged<T>>(path, true);
}

function useLoad<T>(path: string | null, tagged: boolean): Loadable<T> & { reload(): void } {
  const client = useApiClient();
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is the reload trigger
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setResult({ state: 'loading' });
    (tagged ? (client.getTagged(path) as Promise<T>) : client.get<T>(path)).then(
      (data) => current && setResult({ state: 'ready', data }),
      (error: Error) => current && setResult({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [client, path, tagged, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...result, reload };
}
