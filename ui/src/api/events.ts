import type { LifecycleMetadata, LxdEvent } from "./types";

/** The query groups a lifecycle action refreshes; see {@link queriesForAction}. */
export type QueryArea = "cluster-links" | "identities" | "groups" | "server";

const ACTION_PREFIXES: ReadonlyArray<readonly [string, readonly QueryArea[]]> = [
  // A bidirectional link owns an identity, so link changes also change the identities list (and vice versa)
  ["cluster-link-", ["cluster-links", "identities"]],
  ["identity-", ["identities", "cluster-links"]],
  ["auth-group-", ["groups", "identities"]],
  ["config-", ["server"]],
];

/** Which cached queries a lifecycle action makes stale; empty for actions the UI does not show. */
export function queriesForAction(action: string): QueryArea[] {
  for (const [prefix, areas] of ACTION_PREFIXES) {
    if (action.startsWith(prefix)) {
      return [...areas];
    }
  }
  return [];
}

/** The lifecycle metadata of an event message, or undefined for anything else (other types, malformed JSON). */
export function parseLifecycleEvent(data: unknown): LifecycleMetadata | undefined {
  if (typeof data !== "string") {
    return undefined;
  }
  let event: Partial<LxdEvent>;
  try {
    event = JSON.parse(data) as Partial<LxdEvent>;
  } catch {
    return undefined;
  }
  if (event.type !== "lifecycle" || typeof event.metadata !== "object" || event.metadata === null) {
    return undefined;
  }
  const metadata = event.metadata as Partial<LifecycleMetadata>;
  if (typeof metadata.action !== "string") {
    return undefined;
  }
  return { ...metadata, action: metadata.action, source: typeof metadata.source === "string" ? metadata.source : "" };
}

export function eventsUrl(location: Pick<Location, "protocol" | "host">): string {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${location.host}/1.0/events?type=lifecycle`;
}

/** Minimal WebSocket surface, so tests can drive the connection without a server. */
export interface SocketLike {
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

export interface EventsOptions {
  url: string;
  onLifecycle: (event: LifecycleMetadata) => void;
  /** Called with true when the socket opens and false when it drops. */
  onConnectionChange?: (connected: boolean) => void;
  createSocket?: (url: string) => SocketLike;
  schedule?: (callback: () => void, delayMillis: number) => unknown;
  cancel?: (handle: unknown) => void;
  initialDelayMillis?: number;
  maxDelayMillis?: number;
}

/**
 * One lifecycle-event websocket that reconnects with exponential backoff (reset once a connection opens).
 * Failing to connect is never fatal: the pages also poll.
 */
export class EventsConnection {
  private readonly options: Required<Omit<EventsOptions, "onConnectionChange">> & Pick<EventsOptions, "onConnectionChange">;
  private socket: SocketLike | undefined;
  private timer: unknown;
  private delayMillis: number;
  private stopped = false;

  constructor(options: EventsOptions) {
    this.options = {
      createSocket: (url) => new WebSocket(url),
      schedule: (callback, delay) => setTimeout(callback, delay),
      cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      initialDelayMillis: 1000,
      maxDelayMillis: 30_000,
      ...options,
    };
    this.delayMillis = this.options.initialDelayMillis;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) {
      this.options.cancel(this.timer);
      this.timer = undefined;
    }
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.onerror = null;
      socket.onmessage = null;
      socket.onopen = null;
      socket.close();
    }
  }

  /** The wait before the next reconnect attempt. */
  get nextDelayMillis(): number {
    return this.delayMillis;
  }

  private connect(): void {
    if (this.stopped) {
      return;
    }
    let socket: SocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.delayMillis = this.options.initialDelayMillis;
      this.options.onConnectionChange?.(true);
    };
    socket.onmessage = (message) => {
      const lifecycle = parseLifecycleEvent(message.data);
      if (lifecycle) {
        this.options.onLifecycle(lifecycle);
      }
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there
    };
    socket.onclose = () => {
      if (this.socket !== socket) {
        return;
      }
      this.socket = undefined;
      this.options.onConnectionChange?.(false);
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped) {
      return;
    }
    const delay = this.delayMillis;
    this.delayMillis = Math.min(this.delayMillis * 2, this.options.maxDelayMillis);
    this.timer = this.options.schedule(() => {
      this.timer = undefined;
      this.connect();
    }, delay);
  }
}
