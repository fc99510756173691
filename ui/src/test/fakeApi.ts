import { vi } from "vitest";

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

type Handler = (request: RecordedRequest) => { status?: number; metadata?: unknown; error?: string } | undefined;

/**
 * A stand-in for the daemon behind `fetch`: answers with LXD envelopes from a route table ("GET /1.0/...": handler or
 * value) and records every request. Unknown routes answer 404 like the daemon, so a test notices calls it did not expect.
 */
export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly routes = new Map<string, Handler>();

  on(methodAndPath: string, answer: Handler | { status?: number; metadata?: unknown; error?: string }): this {
    this.routes.set(methodAndPath, typeof answer === "function" ? answer : () => answer);
    return this;
  }

  install(): this {
    vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => this.handle(String(input), init));
    return this;
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  private async handle(url: string, init: RequestInit | undefined): Promise<Response> {
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const request = { method, path: url, body };
    this.requests.push(request);
    const handler = this.routes.get(`${method} ${url}`);
    const answer = handler?.(request) ?? { status: 404, error: "Not Found" };
    const status = answer.status ?? 200;
    const envelope =
      status >= 400
        ? { type: "error", status: "", status_code: 0, operation: "", error_code: status, error: answer.error ?? "", metadata: null }
        : { type: "sync", status: "Success", status_code: 200, operation: "", error_code: 0, error: "", metadata: answer.metadata ?? null };
    return new Response(JSON.stringify(envelope), { status, headers: { "Content-Type": "application/json" } });
  }
}
