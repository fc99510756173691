import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { FakeApi } from "../../test/fakeApi";
import { renderWithApp } from "../../test/render";
import { CreateClusterLinkPanel } from "./CreateClusterLinkPanel";

const GROUPS = [
  { name: "admins", description: "Full access", permissions: [], identities: {} },
  { name: "readers", description: "Read only", permissions: [], identities: {} },
];
const TOKEN_METADATA = { client_name: "beta", fingerprint: "ff", addresses: ["10.0.0.1:8443"], secret: "00", expires_at: "2026-11-02T00:00:00Z", type: "Cluster link certificate" };

function setup(options: { nameTaken?: boolean; createAnswer?: { status?: number; metadata?: unknown; error?: string } } = {}) {
  const api = new FakeApi()
    .on("GET /1.0/auth/groups?recursion=1", { metadata: GROUPS })
    .on("POST /1.0/cluster/links", options.createAnswer ?? { status: 201, metadata: null })
    .install();
  const callbacks = { onClose: vi.fn(), onCreated: vi.fn(), onTokenGenerated: vi.fn() };
  const nameCheck = vi.fn(async (_name: string, _signal: AbortSignal) => options.nameTaken ?? false);
  renderWithApp(<CreateClusterLinkPanel {...callbacks} nameCheck={nameCheck} />);
  return { api, callbacks, nameCheck, user: userEvent.setup() };
}

const panel = () => screen.getByRole("dialog", { name: "Create cluster link" });

describe("CreateClusterLinkPanel", () => {
  it("generates a token for a bidirectional link with the chosen groups", async () => {
    const { api, callbacks, user } = setup({ createAnswer: { status: 201, metadata: TOKEN_METADATA } });
    await user.click(screen.getByRole("button", { name: "Bidirectional" }));

    expect(screen.getByLabelText("Token setup")).toHaveValue("generate");
    expect(screen.getByLabelText("Token")).toBeDisabled();
    await user.type(screen.getByLabelText("Cluster link name"), "beta");
    await user.type(screen.getByLabelText("Description"), "Backup site");
    await user.click(await screen.findByRole("checkbox", { name: "admins" }));
    await user.click(screen.getByRole("button", { name: "Create link" }));

    await waitFor(() => expect(callbacks.onTokenGenerated).toHaveBeenCalled());
    expect(api.requestsTo("POST", "/1.0/cluster/links").map((request) => request.body)).toEqual([
      { name: "beta", description: "Backup site", auth_groups: ["admins"], type: "bidirectional" },
    ]);
    expect(callbacks.onTokenGenerated).toHaveBeenCalledWith("beta", btoa(JSON.stringify(TOKEN_METADATA)));
    expect(callbacks.onCreated).not.toHaveBeenCalled();
  });

  it("creates an active bidirectional link from a pasted token", async () => {
    const { api, callbacks, user } = setup();
    await user.click(screen.getByRole("button", { name: "Bidirectional" }));
    await user.selectOptions(screen.getByLabelText("Token setup"), "consume");
    await user.type(screen.getByLabelText("Token"), "eyJhIjoxfQ==");
    await user.type(screen.getByLabelText("Cluster link name"), "alpha");
    await user.click(await screen.findByRole("checkbox", { name: "readers" }));
    await user.click(screen.getByRole("button", { name: "Create link" }));

    await waitFor(() => expect(callbacks.onCreated).toHaveBeenCalledWith("alpha"));
    expect(api.requestsTo("POST", "/1.0/cluster/links")[0]!.body).toEqual({
      name: "alpha",
      description: "",
      trust_token: "eyJhIjoxfQ==",
      auth_groups: ["readers"],
      type: "bidirectional",
    });
  });

  it("creates a unidirectional link without token setup or groups", async () => {
    const { api, callbacks, user } = setup();
    await user.click(screen.getByRole("button", { name: "Unidirectional" }));

    expect(screen.queryByLabelText("Token setup")).not.toBeInTheDocument();
    expect(screen.queryByRole("table", { name: "Auth groups" })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText("Token"), "dG9rZW4=");
    await user.type(screen.getByLabelText("Cluster link name"), "images");
    await user.click(screen.getByRole("button", { name: "Create link" }));

    await waitFor(() => expect(callbacks.onCreated).toHaveBeenCalledWith("images"));
    expect(api.requestsTo("POST", "/1.0/cluster/links")[0]!.body).toEqual({ name: "images", description: "", trust_token: "dG9rZW4=", type: "unidirectional" });
    expect(api.requestsTo("GET", "/1.0/auth/groups?recursion=1")).toHaveLength(0);
  });

  it("requires a name, and a token where one is consumed, before sending anything", async () => {
    const { api, user } = setup();
    await user.click(screen.getByRole("button", { name: "Unidirectional" }));
    await user.click(screen.getByRole("button", { name: "Create link" }));

    expect(screen.getByText("Link name is required")).toBeInTheDocument();
    expect(screen.getByText("Token is required")).toBeInTheDocument();
    expect(screen.getByLabelText("Cluster link name")).toHaveAttribute("aria-invalid", "true");
    expect(api.requestsTo("POST", "/1.0/cluster/links")).toHaveLength(0);
  });

  it("reports a name that is already taken while typing and blocks creation", async () => {
    const { nameCheck, user } = setup({ nameTaken: true });
    await user.click(screen.getByRole("button", { name: "Bidirectional" }));
    await user.type(screen.getByLabelText("Cluster link name"), "beta");

    expect(await screen.findByText("A cluster link with this name already exists", undefined, { timeout: 2000 })).toBeInTheDocument();
    expect(nameCheck).toHaveBeenCalledTimes(1);
    expect(nameCheck.mock.calls[0]![0]).toBe("beta");
    expect(screen.getByRole("button", { name: "Create link" })).toBeDisabled();
  });

  it("checks the name with GET /1.0/cluster/links/<name>, where a 404 means free", async () => {
    const api = new FakeApi().on("GET /1.0/cluster/links/taken", { metadata: { name: "taken" } }).install();
    const user = userEvent.setup();
    renderWithApp(<CreateClusterLinkPanel onClose={vi.fn()} onCreated={vi.fn()} onTokenGenerated={vi.fn()} />);
    await user.click(screen.getByRole("button", { name: "Unidirectional" }));
    await user.type(screen.getByLabelText("Cluster link name"), "taken");

    expect(await screen.findByText("A cluster link with this name already exists", undefined, { timeout: 2000 })).toBeInTheDocument();
    // Debounced: one request for the final name, none for the prefixes typed on the way
    expect(api.requests.filter((request) => request.path.startsWith("/1.0/cluster/links/")).map((request) => request.path)).toEqual(["/1.0/cluster/links/taken"]);
  });

  it("shows the server's error inline when creation fails", async () => {
    const { user } = setup({ createAnswer: { status: 403, error: "Invalid trust token: No secret in certificate add token" } });
    await user.click(screen.getByRole("button", { name: "Unidirectional" }));
    await user.type(screen.getByLabelText("Token"), "bad");
    await user.type(screen.getByLabelText("Cluster link name"), "images");
    await user.click(screen.getByRole("button", { name: "Create link" }));

    expect(await within(panel()).findByRole("alert")).toHaveTextContent("Cluster link creation failed: Invalid trust token: No secret in certificate add token");
    expect(screen.getByRole("button", { name: "Create link" })).toBeEnabled();
  });

  it("filters groups with the search box", async () => {
    const { user } = setup();
    await user.click(screen.getByRole("button", { name: "Bidirectional" }));
    await screen.findByRole("checkbox", { name: "admins" });
    await user.type(screen.getByLabelText("Search groups"), "read");
    expect(screen.queryByRole("checkbox", { name: "admins" })).not.toBeInTheDocument();
    expect(screen.getByRole("checkbox", { name: "readers" })).toBeInTheDocument();
  });

  it("goes back to the type choice and closes on Cancel and Escape", async () => {
    const { callbacks, user } = setup();
    await user.click(screen.getByRole("button", { name: "Bidirectional" }));
    await user.click(screen.getByRole("button", { name: "Back" }));
    expect(screen.getByRole("button", { name: "Bidirectional" })).toHaveFocus();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(callbacks.onClose).toHaveBeenCalledTimes(1);
    await user.keyboard("{Escape}");
    expect(callbacks.onClose).toHaveBeenCalledTimes(2);
  });
});
