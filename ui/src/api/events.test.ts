import { describe, expect, it } from "vitest";
import { EventsConnection, eventsUrl, parseLifecycleEvent, queriesForAction, type SocketLike } from "./events";
import type { LifecycleMetadata } from "./types";

class FakeSocket implements SocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {}

  open() {
    this.onopen?.(new Event("open"));
  }

  receive(data: unknown) {
    this.onmessage?.(new MessageEvent("message", { data: typeof data === "string" ? data : JSON.stringify(data) }));
  }

  drop() {
    this.onclose?.(new CloseEvent("close"));
  }

  close() {
    this.closed = true;
  }
}

class FakeScheduler {
  readonly delays: number[] = [];
  private pending: Array<() => void> = [];

  schedule = (callback: () => void, delay: number) => {
    this.delays.push(delay);
    this.pending.push(callback);
    return this.pending.length;
  };

  cancel = () => {
    this.pending = [];
  };

  runAll() {
    const callbacks = this.pending;
    this.pending = [];
    callbacks.forEach((callback) => callback());
  }

  get waiting() {
    return this.pending.length;
  }
}

function connection() {
  const sockets: FakeSocket[] = [];
  const events: LifecycleMetadata[] = [];
  const states: boolean[] = [];
  const scheduler = new FakeScheduler();
  const events_ = new EventsConnection({
    url: "wss://jxd.example/1.0/events?type=lifecycle",
    onLifecycle: (event) => events.push(event),
    onConnectionChange: (connected) => states.push(connected),
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    schedule: scheduler.schedule,
    cancel: scheduler.cancel,
    initialDelayMillis: 1000,
    maxDelayMillis: 8000,
  });
  return { connection: events_, sockets, events, states, scheduler };
}

const lifecycle = (action: string) => ({ type: "lifecycle", timestamp: "2026-11-01T00:00:00Z", metadata: { action, source: "/1.0/cluster/links/beta" } });

describe("queriesForAction", () => {
  it("maps lifecycle prefixes to the queries they make stale", () => {
    expect(queriesForAction("cluster-link-created")).toEqual(["cluster-links", "identities"]);
    expect(queriesForAction("identity-updated")).toEqual(["identities", "cluster-links"]);
    expect(queriesForAction("auth-group-renamed")).toEqual(["groups", "identities"]);
    expect(queriesForAction("config-updated")).toEqual(["server"]);
    expect(queriesForAction("project-updated")).toEqual([]);
  });
});

describe("parseLifecycleEvent", () => {
  it("reads lifecycle metadata and ignores everything else", () => {
    expect(parseLifecycleEvent(JSON.stringify(lifecycle("cluster-link-deleted")))).toEqual({ action: "cluster-link-deleted", source: "/1.0/cluster/links/beta" });
    expect(parseLifecycleEvent(JSON.stringify({ type: "logging", metadata: { message: "x" } }))).toBeUndefined();
    expect(parseLifecycleEvent("not json")).toBeUndefined();
    expect(parseLifecycleEvent(JSON.stringify({ type: "lifecycle", metadata: null }))).toBeUndefined();
  });
});

describe("eventsUrl", () => {
  it("uses wss on https and asks only for lifecycle events", () => {
    expect(eventsUrl({ protocol: "https:", host: "jxd.example:8443" })).toBe("wss://jxd.example:8443/1.0/events?type=lifecycle");
    expect(eventsUrl({ protocol: "http:", host: "localhost:5173" })).toBe("ws://localhost:5173/1.0/events?type=lifecycle");
  });
});

describe("EventsConnection", () => {
  it("delivers lifecycle events from the socket", () => {
    const { connection: events, sockets, events: received, states } = connection();
    events.start();
    sockets[0]!.open();
    sockets[0]!.receive(lifecycle("cluster-link-created"));
    sockets[0]!.receive({ type: "operation", metadata: {} });
    expect(received.map((event) => event.action)).toEqual(["cluster-link-created"]);
    expect(states).toEqual([true]);
    expect(sockets[0]!.url).toBe("wss://jxd.example/1.0/events?type=lifecycle");
  });

  it("reconnects with doubling delays up to the maximum, and resets after a successful open", () => {
    const { connection: events, sockets, scheduler } = connection();
    events.start();
    for (let attempt = 0; attempt < 5; attempt++) {
      sockets.at(-1)!.drop();
      scheduler.runAll();
    }
    expect(scheduler.delays).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(sockets).toHaveLength(6);

    sockets.at(-1)!.open();
    sockets.at(-1)!.drop();
    expect(scheduler.delays.at(-1)).toBe(1000);
  });

  it("stops reconnecting once stopped and closes the socket", () => {
    const { connection: events, sockets, scheduler } = connection();
    events.start();
    sockets[0]!.drop();
    events.stop();
    expect(scheduler.waiting).toBe(0);
    scheduler.runAll();
    expect(sockets).toHaveLength(1);

    events.start();
    events.stop();
    expect(sockets[1]!.closed).toBe(true);
  });
});
