import { currentLocale } from '../app/i18n';

/** One problem with one field, as the API reports it. */
export interface FieldProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** An error answered by the API (`{ error: { code, message, fields } }`) or the network. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'xinyi.token';

export const session = {
  token: (): string | null => localStorage.getItem(TOKEN_KEY),
  save: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** Called when the API says the session is gone (401), so the shell can ask to sign in. */
let onUnauthorised: () => void = () => undefined;
export function whenUnauthorised(handler: () => void) {
  onUnauthorised = handler;
}

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly body?: unknown;
  /** Sent as `Idempotency-Key`, so a repeated click creates nothing twice. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

function headersFor(options: RequestOptions): Headers {
  const headers = new Headers({ 'accept-language': currentLocale() });
  const token = session.token();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  if (options.body !== undefined && !(options.body instanceof FormData)) {
    headers.set('content-type', 'application/json');
  }
  return headers;
}

async function failure(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const { error } = JSON.parse(text) as {
      error: { code: string; message: string; fields?: FieldProblem[] };
    };
    return new ApiError(response.status, error.code, error.message, error.fields ?? []);
  } catch {
    return new ApiError(response.status, `HTTP_${response.status}`, text || response.statusText);
  }
}

/**
 * Calls the API. JSON bodies are sent as JSON, FormData as multipart. Answers the parsed
 * JSON (or the text for non-JSON answers); throws ApiError for any non-2xx answer.
 *
 * @example
 * const me = await api<User>('/me');
 * await api('/consents', { method: 'POST', body: consent, idempotencyKey: key });
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: headersFor(options),
      body:
        options.body === undefined
          ? null
          : options.body instanceof FormData
            ? options.body
            : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', String(error));
  }
  if (!response.ok) {
    const error = await failure(response);
    if (response.status === 401 && session.token()) onUnauthorised();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** Fetches a protected file and hands it to the browser as a download. */
export async function download(path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: headersFor({}) });
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A fresh Idempotency-Key for one user intention (one form submission). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
