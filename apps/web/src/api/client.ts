import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** A field-level problem reported by the server (`details.issues`). */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ApiErrorDetails {
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/** The one error the web app handles: the server's envelope, or a network failure (statusCode 0). */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details?: ApiErrorDetails;
  readonly requestId?: string;

  constructor(statusCode: number, code: string, message: string, details?: ApiErrorDetails, requestId?: string) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_HEADER = 'x-csrf-token';

// The CSRF token lives in memory only; it comes from GET /api/auth/me.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function ensureCsrfToken(): Promise<string | null> {
  if (csrfToken) return csrfToken;
  const response = await fetch('/api/auth/me', { credentials: 'same-origin' }).catch(() => null);
  if (response?.ok) {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'csrfToken' in body && typeof body.csrfToken === 'string') {
      csrfToken = body.csrfToken;
    }
  }
  return csrfToken;
}

/** Headers for a write made outside the typed client (uploads). */
export async function writeHeaders(): Promise<Record<string, string>> {
  const token = await ensureCsrfToken();
  return token ? { [CSRF_HEADER]: token } : {};
}

export interface AuthProblemHandlers {
  /** The session is gone or missing: go to the login page. */
  onUnauthenticated?: () => void;
  /** The account still has its initial password: go to the change-password page. */
  onPasswordChangeRequired?: () => void;
}

let handlers: AuthProblemHandlers = {};

/** Each entry (admin, member) says where to send the user on 401 and on a forced password change. */
export function setAuthProblemHandlers(next: AuthProblemHandlers): void {
  handlers = next;
}

function parseEnvelope(body: unknown, response: Response): ApiError {
  if (body && typeof body === 'object' && 'code' in body && 'message' in body) {
    // Checked above to be the server's error envelope (platform/http.ts ErrorEnvelope).
    const env = body as { statusCode?: number; code: string; message: string; details?: ApiErrorDetails; requestId?: string };
    return new ApiError(env.statusCode ?? response.status, String(env.code), String(env.message), env.details, env.requestId);
  }
  return new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', response.statusText || `HTTP ${response.status}`);
}

/** Turns a failed response into an ApiError and tells the entry about auth problems. */
export function toApiError(body: unknown, response: Response): ApiError {
  const error = parseEnvelope(body, response);
  const isLogin = new URL(response.url || '/', window.location.origin).pathname === '/api/auth/login';
  if (error.statusCode === 401 && !isLogin) {
    setCsrfToken(null);
    handlers.onUnauthenticated?.();
  } else if (error.statusCode === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') {
    handlers.onPasswordChangeRequired?.();
  }
  return error;
}

export function networkError(cause: unknown): ApiError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, 'NETWORK_ERROR', message);
}

const csrfMiddleware: Middleware = {
  async onRequest({ request }) {
    if (SAFE_METHODS.has(request.method)) return undefined;
    if (new URL(request.url).pathname === '/api/auth/login') return undefined;
    const token = await ensureCsrfToken();
    if (token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
};

/** The typed API client (paths generated from the server's OpenAPI document). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrfMiddleware);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Awaits an openapi-fetch call and returns its data, or throws ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (cause) {
    throw networkError(cause);
  }
  if (!result.response.ok || result.error !== undefined) throw toApiError(result.error, result.response);
  return result.data as T; // a 2xx response always carries its schema's body
}

/** Downloads a file from a GET endpoint (xlsx template, export) and saves it in the browser. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw toApiError(body, response);
  }
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1] ?? null;
}

/**
 * A JSON call outside the typed client, for endpoints not yet in the generated schema;
 * same CSRF header and error handling.
 */
export async function requestJson<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = method === 'GET' ? {} : await writeHeaders();
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (cause) {
    throw networkError(cause);
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(json, response);
  return json as T; // the caller names the documented response shape
}
