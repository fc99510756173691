import type { Envelope } from "./types";

/** A failed API call: `message` is the server's `error` string, `status` the HTTP status (0 when no response). */
export class ApiError extends Error {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type QueryValue = string | number | boolean | undefined | null;

/** Builds `/1.0/...?a=b`, dropping parameters whose value is undefined, null or empty. */
export function apiPath(path: string, query: Record<string, QueryValue> = {}): string {
  const parameters = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") {
      continue;
    }
    parameters.append(key, String(value));
  }
  const encoded = parameters.toString();
  // Entitlement lists are comma-separated; keep the commas readable, the server accepts both forms
  return encoded ? `${path}?${encoded.replaceAll("%2C", ",")}` : path;
}

/** Encodes one path segment (names may contain spaces, `#`, `%`...). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * Reads a response body as the LXD envelope. Error bodies carry `{error, error_code}`; anything that is not
 * an envelope (a proxy's HTML page, an empty body) becomes an error with the HTTP status text.
 */
export async function parseEnvelope<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: Partial<Envelope<T>> | undefined;
  if (text.trim() !== "") {
    try {
      body = JSON.parse(text) as Partial<Envelope<T>>;
    } catch {
      body = undefined;
    }
  }

  if (!response.ok || body?.type === "error") {
    const message = typeof body?.error === "string" && body.error !== "" ? body.error : statusText(response);
    const status = !response.ok ? response.status : (body?.error_code ?? response.status);
    throw new ApiError(message, status);
  }
  if (body === undefined || typeof body !== "object" || body === null || !("metadata" in body)) {
    throw new ApiError(`Unexpected response from the server (HTTP ${response.status})`, response.status);
  }
  return body.metadata as T;
}

function statusText(response: Response): string {
  if (response.statusText) {
    return response.statusText;
  }
  return `HTTP ${response.status}`;
}

/** Calls the API on the same origin; the browser's TLS client certificate authenticates the request. */
export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: "same-origin",
    headers: body === undefined ? { Accept: "application/json" } : { Accept: "application/json", "Content-Type": "application/json" },
  };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
  }
  if (signal) {
    init.signal = signal;
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") {
      throw error;
    }
    throw new ApiError(`Cannot reach the server: ${error instanceof Error ? error.message : String(error)}`, 0);
  }
  return parseEnvelope<T>(response);
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>("GET", path, undefined, signal),
  post: <T>(path: string, body: unknown) => apiRequest<T>("POST", path, body),
  put: <T>(path: string, body: unknown) => apiRequest<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => apiRequest<T>("PATCH", path, body),
  delete: <T>(path: string) => apiRequest<T>("DELETE", path),
};

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
