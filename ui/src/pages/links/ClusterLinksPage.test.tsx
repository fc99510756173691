import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ClusterLink, Identity } from "../../api/types";
import { FakeApi } from "../../test/fakeApi";
import { fineGrainedIdentity, renderWithApp } from "../../test/render";
import { ClusterLinksPage } from "./ClusterLinksPage";

const link = (name: string, overrides: Partial<ClusterLink> = {}): ClusterLink => ({
  name,
  description: "",
  type: "bidirectional",
  config: { "volatile.addresses": "10.0.0.1:8443" },
  used_by: [],
  ...overrides,
});
const identity = (name: string, type: string, groups: string[] = []): Identity => ({ authentication_method: "tls", type, id: `${name}-fp`, name, groups });
const members = (...statuses: string[]) => ({
  cluster_link_members: statuses.map((status, index) => ({ server_name: `m${index}`, address: `10.0.0.${index}:8443`, status })),
});

function api(entitlementSuffix = "") {
  return new FakeApi()
    .on(`GET /1.0/cluster/links?recursion=1${entitlementSuffix}`, {
      metadata: [
        link("gamma", { type: "unidirectional", description: "images", access_entitlements: ["can_edit"] }),
        link("alpha", { access_entitlements: ["can_edit", "can_delete"], used_by: ["/1.0/replicators/r1?project=default"] }),
        link("beta", { config: {} }),
      ],
    })
    .on(`GET /1.0/auth/identities?recursion=1${entitlementSuffix}`, {
      metadata: [identity("alpha", "Cluster link certificate", ["admins", "ops"]), identity("beta", "Cluster link certificate (pending)"), identity("gamma", "Client certificate")],
    })
    .on("GET /1.0/cluster/links/alpha/state", { metadata: members("Unreachable", "Active") })
    .on("GET /1.0/cluster/links/gamma/state", { metadata: members("Unauthenticated") })
    .install();
}

const row = (name: string) => screen.getByRole("link", { name }).closest("tr")!;

describe("ClusterLinksPage", () => {
  it("lists links sorted by name with status, type, addresses and groups", async () => {
    const fake = api();
    renderWithApp(<ClusterLinksPage />);
    expect(screen.getByText("Loading cluster links...")).toBeInTheDocument();

    const table = await screen.findByRole("table", { name: "Cluster links" });
    const names = within(table).getAllByRole("row").slice(1).map((tableRow) => within(tableRow).getAllByRole("rowheader")[0]!.textContent);
    expect(names).toEqual(["alpha", "beta", "gamma"]);
    expect(within(table).getAllByRole("columnheader").map((header) => header.textContent)).toEqual([
      "Name", "Status", "Type", "Description", "Used by", "Addresses", "Auth groups", "Actions",
    ]);

    await waitFor(() => expect(within(row("alpha")).getByText("Active")).toBeInTheDocument());
    expect(within(row("beta")).getByText("Pending")).toBeInTheDocument();
    await waitFor(() => expect(within(row("gamma")).getByText("Unreachable")).toBeInTheDocument());
    expect(within(row("alpha")).getByText("admins, ops")).toBeInTheDocument();
    expect(within(row("alpha")).getByRole("link", { name: "https://10.0.0.1:8443" })).toHaveAttribute("href", "https://10.0.0.1:8443");
    expect(within(row("gamma")).getByText("Unidirectional")).toBeInTheDocument();
    expect(row("alpha").querySelector("td.numeric")).toHaveTextContent("1");
    expect(screen.getByRole("link", { name: "alpha" })).toHaveAttribute("href", "/cluster/links/alpha");
    // A pending link has nothing to probe
    expect(fake.requestsTo("GET", "/1.0/cluster/links/beta/state")).toHaveLength(0);
  });

  it("enables every action for a caller without fine-grained authorization", async () => {
    api();
    renderWithApp(<ClusterLinksPage />);
    await screen.findByRole("table", { name: "Cluster links" });
    expect(screen.getByRole("button", { name: "Create cluster link" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Edit cluster link beta" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Delete cluster link beta" })).toBeEnabled();
  });

  it("asks for entitlements and disables what a fine-grained caller may not do, with the reason as title", async () => {
    api("&with-access-entitlements=can_edit,can_delete");
    renderWithApp(<ClusterLinksPage />, { identity: fineGrainedIdentity(["viewer"]) });
    await screen.findByRole("table", { name: "Cluster links" });

    const create = screen.getByRole("button", { name: "Create cluster link" });
    expect(create).toBeDisabled();
    expect(create).toHaveAttribute("title", "You do not have permission to create cluster links");
    expect(screen.getByRole("button", { name: "Edit cluster link alpha" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Delete cluster link alpha" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Edit cluster link gamma" })).toBeEnabled();
    const deleteGamma = screen.getByRole("button", { name: "Delete cluster link gamma" });
    expect(deleteGamma).toBeDisabled();
    expect(deleteGamma).toHaveAttribute("title", "You do not have permission to delete this cluster link");
    expect(screen.getByRole("button", { name: "Edit cluster link beta" })).toHaveAttribute("title", "You do not have permission to edit this cluster link");
  });

  it("enables creation for the server entitlement or admin", async () => {
    api("&with-access-entitlements=can_edit,can_delete");
    renderWithApp(<ClusterLinksPage />, { identity: fineGrainedIdentity(["can_create_cluster_links"]) });
    await screen.findByRole("table", { name: "Cluster links" });
    expect(screen.getByRole("button", { name: "Create cluster link" })).toBeEnabled();
  });

  it("shows the empty state with the create button", async () => {
    new FakeApi().on("GET /1.0/cluster/links?recursion=1", { metadata: [] }).on("GET /1.0/auth/identities?recursion=1", { metadata: [] }).install();
    renderWithApp(<ClusterLinksPage />);
    expect(await screen.findByRole("heading", { name: "No cluster links found" })).toBeInTheDocument();
    expect(screen.getAllByRole("button", { name: "Create cluster link" })).toHaveLength(1);
  });

  it("shows the server's error when the list cannot be loaded", async () => {
    new FakeApi()
      .on("GET /1.0/cluster/links?recursion=1", { status: 500, error: "Failed loading cluster links: database is locked" })
      .on("GET /1.0/auth/identities?recursion=1", { metadata: [] })
      .install();
    renderWithApp(<ClusterLinksPage />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Loading cluster links failed: Failed loading cluster links: database is locked");
  });

  it("refuses to delete a link that is in use and lists its users", async () => {
    api();
    const user = userEvent.setup();
    renderWithApp(<ClusterLinksPage />);
    await user.click(await screen.findByRole("button", { name: "Delete cluster link alpha" }));
    const dialog = screen.getByRole("dialog", { name: "Cannot delete cluster link" });
    expect(within(dialog).getByText("/1.0/replicators/r1?project=default")).toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Delete cluster link" })).toBeDisabled();
  });

  it("deletes an unused link after confirmation", async () => {
    const fake = api().on("DELETE /1.0/cluster/links/beta", { metadata: null });
    const user = userEvent.setup();
    renderWithApp(<ClusterLinksPage />);
    await user.click(await screen.findByRole("button", { name: "Delete cluster link beta" }));
    const dialog = screen.getByRole("dialog", { name: "Confirm delete" });
    await user.click(within(dialog).getByRole("button", { name: "Delete cluster link" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(fake.requestsTo("DELETE", "/1.0/cluster/links/beta")).toHaveLength(1);
    expect(screen.getByRole("status")).toHaveTextContent("Cluster link beta deleted.");
  });

  it("saves the description and the link identity's groups from the edit panel", async () => {
    const fake = api()
      .on("GET /1.0/auth/groups?recursion=1", { metadata: [{ name: "admins", description: "", permissions: [] }, { name: "ops", description: "", permissions: [] }] })
      .on("PUT /1.0/cluster/links/alpha", { metadata: null })
      .on("PUT /1.0/auth/identities/tls/alpha-fp", { metadata: null });
    const user = userEvent.setup();
    renderWithApp(<ClusterLinksPage />);
    await user.click(await screen.findByRole("button", { name: "Edit cluster link alpha" }));
    const panel = screen.getByRole("dialog", { name: "Edit cluster link alpha" });
    await user.type(within(panel).getByLabelText("Description"), "Primary");
    await user.click(await within(panel).findByRole("checkbox", { name: "ops" }));
    await user.click(within(panel).getByRole("button", { name: "Save changes" }));

    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(fake.requestsTo("PUT", "/1.0/cluster/links/alpha")[0]!.body).toEqual({ description: "Primary", config: { "volatile.addresses": "10.0.0.1:8443" } });
    expect(fake.requestsTo("PUT", "/1.0/auth/identities/tls/alpha-fp")[0]!.body).toEqual({ groups: ["admins"] });
  });
});
