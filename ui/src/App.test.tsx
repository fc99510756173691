import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { AppRoutes } from "./App";
import type { ServerInfo } from "./api/types";
import { FakeApi } from "./test/fakeApi";
import { SERVER } from "./test/render";

class SilentSocket {
  onopen = null;
  onmessage = null;
  onclose = null;
  onerror = null;
  static urls: string[] = [];
  constructor(url: string) {
    SilentSocket.urls.push(url);
  }
  close() {}
}

function renderAt(path: string, server: ServerInfo) {
  vi.stubGlobal("WebSocket", SilentSocket);
  new FakeApi()
    .on("GET /1.0", { metadata: server })
    .on("GET /1.0/auth/identities/current?recursion=1", { metadata: { authentication_method: "tls", type: "Client certificate (unrestricted)", id: "abc", name: "admin", groups: [], fine_grained: false } })
    .on("GET /1.0/cluster/links?recursion=1", { metadata: [] })
    .on("GET /1.0/auth/identities?recursion=1", { metadata: [] })
    .on("GET /1.0/cluster/members?recursion=1", { metadata: [{ server_name: "m1", url: "https://10.0.0.1:8443", roles: ["database-leader"], status: "Online", message: "Fully operational", database: true }] })
    .install();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const clustered: ServerInfo = { ...SERVER, environment: { server_clustered: true, server_name: "m1" } };

describe("the application shell", () => {
  it("sends untrusted visitors to the login page", async () => {
    renderAt("/settings", { ...SERVER, auth: "untrusted" });
    expect(await screen.findByRole("heading", { level: 1, name: "Log in to jxd" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Generate a certificate" })).toHaveAttribute("href", "/login/certificate-generate");
    expect(screen.getByRole("link", { name: "I have a token" })).toHaveAttribute("href", "/login/certificate-add");
    expect(screen.queryByRole("navigation", { name: "Main" })).not.toBeInTheDocument();
  });

  it("shows a Server link on a single server and lands on its cluster links tab", async () => {
    renderAt("/", SERVER);
    expect(await screen.findByRole("heading", { level: 1, name: "Cluster links" })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(screen.getByRole("link", { name: "Server" })).toHaveAttribute("href", "/server");
    expect(nav).not.toHaveTextContent("Clustering");
    expect(screen.getByRole("navigation", { name: "Server" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Cluster links" })).toHaveAttribute("aria-current", "page");
    expect(SilentSocket.urls.at(-1)).toMatch(/\/1\.0\/events\?type=lifecycle$/);
  });

  it("offers a Clustering disclosure with Members and Links when clustered", async () => {
    const user = userEvent.setup();
    renderAt("/", clustered);
    expect(await screen.findByRole("heading", { level: 1, name: "Cluster links" })).toBeInTheDocument();
    const disclosure = screen.getByRole("button", { name: "Clustering" });
    expect(disclosure).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("link", { name: "Members" })).not.toBeInTheDocument();
    await user.click(disclosure);
    expect(disclosure).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByRole("link", { name: "Links" })).toHaveAttribute("href", "/cluster/links");
    await user.click(screen.getByRole("link", { name: "Members" }));
    expect(await screen.findByRole("table", { name: "Cluster members" })).toHaveTextContent("m1https://10.0.0.1:8443database-leaderOnlineFully operational");
    expect(screen.queryByRole("link", { name: "Server" })).not.toBeInTheDocument();
  });

  it("renders the links page at both addresses whatever the mode", async () => {
    renderAt("/server/cluster-links", clustered);
    expect(await screen.findByRole("heading", { level: 1, name: "Cluster links" })).toBeInTheDocument();
  });

  it("has the Permissions and Settings links", async () => {
    renderAt("/", SERVER);
    await screen.findByRole("heading", { level: 1, name: "Cluster links" });
    expect(screen.getByRole("link", { name: "Groups" })).toHaveAttribute("href", "/permissions/groups");
    expect(screen.getByRole("link", { name: "Identities" })).toHaveAttribute("href", "/permissions/identities");
    expect(screen.getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings");
    expect(screen.getByRole("banner")).toBeInTheDocument();
    expect(screen.getByRole("main")).toBeInTheDocument();
  });
});
