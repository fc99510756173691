import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Identity } from "../../api/types";
import { FakeApi } from "../../test/fakeApi";
import { fineGrainedIdentity, renderWithApp } from "../../test/render";
import { IdentitiesPage } from "./IdentitiesPage";

const identity = (name: string, type: string, overrides: Partial<Identity> = {}): Identity => ({
  authentication_method: "tls",
  type,
  id: `${name}-id`,
  name,
  groups: [],
  ...overrides,
});

const IDENTITIES = [
  identity("ci", "Client certificate", { groups: ["ops"], access_entitlements: ["can_edit", "can_delete"] }),
  identity("node1", "Server certificate"),
  identity("beta", "Cluster link certificate (pending)", { access_entitlements: ["can_delete"] }),
  identity("root", "Client certificate (unrestricted)"),
];
const TOKEN_METADATA = { client_name: "x", fingerprint: "ff", addresses: ["10.0.0.1:8443"], secret: "00", expires_at: "0001-01-01T00:00:00Z", type: "Client certificate" };

const names = () =>
  within(screen.getByRole("table", { name: "Identities" }))
    .getAllByRole("rowheader")
    .map((header) => header.textContent);

describe("IdentitiesPage", () => {
  it("hides system identities until the filter is cleared", async () => {
    new FakeApi().on("GET /1.0/auth/identities?recursion=1", { metadata: IDENTITIES }).install();
    const user = userEvent.setup();
    renderWithApp(<IdentitiesPage />);
    await screen.findByRole("table", { name: "Identities" });
    const filter = screen.getByRole("checkbox", { name: "Hide system identities" });
    expect(filter).toBeChecked();
    expect(names()).toEqual(["beta", "ci", "root"]);
    await user.click(filter);
    expect(names()).toEqual(["beta", "ci", "node1", "root"]);
  });

  it("disables actions the caller may not take, and those the API cannot do for the type", async () => {
    new FakeApi().on("GET /1.0/auth/identities?recursion=1&with-access-entitlements=can_edit,can_delete", { metadata: IDENTITIES }).install();
    renderWithApp(<IdentitiesPage />, { identity: fineGrainedIdentity(["can_view_identities"]) });
    await screen.findByRole("table", { name: "Identities" });
    expect(screen.getByRole("button", { name: "Create identity" })).toHaveAttribute("title", "You do not have permission to create identities");
    expect(screen.getByRole("button", { name: "Edit identity ci" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Edit identity beta" })).toHaveAttribute("title", "You do not have permission to edit this identity");
    expect(screen.getByRole("button", { name: "Delete identity beta" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Delete identity root" })).toBeDisabled();
  });

  it("creates a client certificate identity and shows its token once", async () => {
    const fake = new FakeApi()
      .on("GET /1.0/auth/identities?recursion=1", { metadata: IDENTITIES })
      .on("GET /1.0/auth/groups?recursion=1", { metadata: [{ name: "ops", description: "", permissions: [] }] })
      .on("POST /1.0/auth/identities/tls", { status: 201, metadata: TOKEN_METADATA })
      .install();
    const user = userEvent.setup();
    renderWithApp(<IdentitiesPage />);
    await user.click(await screen.findByRole("button", { name: "Create identity" }));
    const panel = screen.getByRole("dialog", { name: "Create identity" });
    await user.click(within(panel).getByRole("button", { name: "Client certificate" }));
    await user.type(within(panel).getByLabelText("Name"), "laptop");
    await user.click(await within(panel).findByRole("checkbox", { name: "ops" }));
    await user.click(within(panel).getByRole("button", { name: "Create identity" }));

    const modal = await screen.findByRole("dialog", { name: "Identity laptop created" });
    expect(fake.requestsTo("POST", "/1.0/auth/identities/tls")[0]!.body).toEqual({ name: "laptop", groups: ["ops"], token: true });
    expect(within(modal).getByLabelText("Trust token")).toHaveTextContent(btoa(JSON.stringify(TOKEN_METADATA)));
    expect(within(modal).getByRole("button", { name: "Done" })).toBeDisabled();
  });

  it("creates the target side of a unidirectional link through the cluster links API", async () => {
    const fake = new FakeApi()
      .on("GET /1.0/auth/identities?recursion=1", { metadata: IDENTITIES })
      .on("GET /1.0/auth/groups?recursion=1", { metadata: [] })
      .on("POST /1.0/cluster/links", { status: 201, metadata: { ...TOKEN_METADATA, type: "Cluster link certificate" } })
      .install();
    const user = userEvent.setup();
    renderWithApp(<IdentitiesPage />);
    await user.click(await screen.findByRole("button", { name: "Create identity" }));
    await user.click(screen.getByRole("button", { name: "Cluster link certificate" }));
    await user.type(screen.getByLabelText("Name"), "source-cluster");
    await user.click(screen.getByRole("button", { name: "Create identity" }));

    await screen.findByRole("dialog", { name: "Identity source-cluster created" });
    expect(fake.requestsTo("POST", "/1.0/cluster/links")[0]!.body).toEqual({ name: "source-cluster", auth_groups: [], type: "unidirectional" });
  });

  it("refuses a name another identity has", async () => {
    const fake = new FakeApi().on("GET /1.0/auth/identities?recursion=1", { metadata: IDENTITIES }).on("GET /1.0/auth/groups?recursion=1", { metadata: [] }).install();
    const user = userEvent.setup();
    renderWithApp(<IdentitiesPage />);
    await user.click(await screen.findByRole("button", { name: "Create identity" }));
    await user.click(screen.getByRole("button", { name: "Client certificate" }));
    await user.type(screen.getByLabelText("Name"), "ci");
    await user.click(screen.getByRole("button", { name: "Create identity" }));
    expect(screen.getByText("An identity with this name already exists")).toBeInTheDocument();
    expect(fake.requestsTo("POST", "/1.0/auth/identities/tls")).toHaveLength(0);
  });

  it("edits groups with one PUT and deletes after confirmation", async () => {
    const fake = new FakeApi()
      .on("GET /1.0/auth/identities?recursion=1", { metadata: IDENTITIES })
      .on("GET /1.0/auth/groups?recursion=1", { metadata: [{ name: "ops", description: "", permissions: [] }, { name: "dev", description: "", permissions: [] }] })
      .on("PUT /1.0/auth/identities/tls/ci-id", { metadata: null })
      .on("DELETE /1.0/auth/identities/tls/ci-id", { metadata: null })
      .install();
    const user = userEvent.setup();
    renderWithApp(<IdentitiesPage />);
    await user.click(await screen.findByRole("button", { name: "Edit identity ci" }));
    const panel = screen.getByRole("dialog", { name: "Edit identity ci" });
    await user.click(await within(panel).findByRole("checkbox", { name: "dev" }));
    await user.click(within(panel).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(fake.requestsTo("PUT", "/1.0/auth/identities/tls/ci-id")).toHaveLength(1));
    expect(fake.requestsTo("PUT", "/1.0/auth/identities/tls/ci-id")[0]!.body).toEqual({ groups: ["ops", "dev"] });

    await user.click(screen.getByRole("button", { name: "Delete identity ci" }));
    await user.click(within(screen.getByRole("dialog", { name: "Confirm delete" })).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(fake.requestsTo("DELETE", "/1.0/auth/identities/tls/ci-id")).toHaveLength(1));
  });
});
