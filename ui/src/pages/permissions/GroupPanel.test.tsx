import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { entitlementsFor } from "../../auth/entitlements";
import { FakeApi } from "../../test/fakeApi";
import { fineGrainedIdentity, renderWithApp } from "../../test/render";
import { GroupPanel, validateGroupName } from "./GroupPanel";
import { GroupsPage } from "./GroupsPage";

const optionValues = (select: HTMLElement) => within(select).getAllByRole("option").map((option) => (option as HTMLOptionElement).value).filter((value) => value !== "");

function permissionsApi() {
  return new FakeApi()
    .on("GET /1.0/auth/permissions?entity-type=cluster_link", {
      metadata: [
        { entity_type: "cluster_link", url: "/1.0/cluster/links/beta", entitlement: "can_view" },
        { entity_type: "cluster_link", url: "/1.0/cluster/links/beta", entitlement: "can_edit" },
        { entity_type: "cluster_link", url: "/1.0/cluster/links/alpha", entitlement: "can_view" },
      ],
    })
    .install();
}

describe("the permission picker", () => {
  it("offers only the entitlements valid for the chosen entity type", async () => {
    permissionsApi();
    const user = userEvent.setup();
    renderWithApp(<GroupPanel group={undefined} existingNames={[]} onClose={vi.fn()} onSaved={vi.fn()} />);

    expect(screen.getByLabelText("Entitlement")).toBeDisabled();
    await user.selectOptions(screen.getByLabelText("Entity type"), "cluster_link");
    expect(optionValues(screen.getByLabelText("Entitlement"))).toEqual(["can_view", "can_edit", "can_delete"]);

    await user.selectOptions(screen.getByLabelText("Entity type"), "storage_pool");
    expect(optionValues(screen.getByLabelText("Entitlement"))).toEqual(["can_edit", "can_delete"]);

    await user.selectOptions(screen.getByLabelText("Entity type"), "server");
    const server = optionValues(screen.getByLabelText("Entitlement"));
    expect(server).toEqual(entitlementsFor("server"));
    expect(server).not.toContain("can_exec");
    expect(server).not.toContain("can_view");
  });

  it("lists the entities of a type from the permissions endpoint, once per entity", async () => {
    const fake = permissionsApi();
    const user = userEvent.setup();
    renderWithApp(<GroupPanel group={undefined} existingNames={[]} onClose={vi.fn()} onSaved={vi.fn()} />);
    await user.selectOptions(screen.getByLabelText("Entity type"), "cluster_link");
    await waitFor(() => expect(optionValues(screen.getByLabelText("Entity"))).toEqual(["/1.0/cluster/links/alpha", "/1.0/cluster/links/beta"]));
    expect(within(screen.getByLabelText("Entity")).getByRole("option", { name: "beta" })).toBeInTheDocument();
    expect(fake.requestsTo("GET", "/1.0/auth/permissions?entity-type=cluster_link")).toHaveLength(1);
  });

  it("adds and removes permissions, and the server needs no entity lookup", async () => {
    const fake = permissionsApi().on("POST /1.0/auth/groups", { status: 201, metadata: null });
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithApp(<GroupPanel group={undefined} existingNames={["admins"]} onClose={vi.fn()} onSaved={onSaved} />);

    await user.type(screen.getByLabelText("Name"), "link-editors");
    await user.type(screen.getByLabelText("Description"), "Edit links");
    await user.selectOptions(screen.getByLabelText("Entity type"), "server");
    expect(screen.getByLabelText("Entity")).toHaveValue("/1.0");
    await user.selectOptions(screen.getByLabelText("Entitlement"), "can_view_cluster_links");
    await user.click(screen.getByRole("button", { name: "Add permission" }));

    await user.selectOptions(screen.getByLabelText("Entity type"), "cluster_link");
    await user.selectOptions(screen.getByLabelText("Entity"), await screen.findByRole("option", { name: "beta" }));
    await user.selectOptions(screen.getByLabelText("Entitlement"), "can_edit");
    await user.click(screen.getByRole("button", { name: "Add permission" }));
    await user.selectOptions(screen.getByLabelText("Entitlement"), "can_delete");
    await user.click(screen.getByRole("button", { name: "Add permission" }));

    const table = screen.getByRole("table", { name: "Permissions" });
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    await user.click(within(table).getAllByRole("button", { name: "Remove permission" })[2]!);
    expect(within(table).getAllByRole("row")).toHaveLength(3);

    await user.click(screen.getByRole("button", { name: "Save group" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith("link-editors", true));
    expect(fake.requestsTo("POST", "/1.0/auth/groups")[0]!.body).toEqual({
      name: "link-editors",
      description: "Edit links",
      permissions: [
        { entity_type: "server", url: "/1.0", entitlement: "can_view_cluster_links" },
        { entity_type: "cluster_link", url: "/1.0/cluster/links/beta", entitlement: "can_edit" },
      ],
    });
    expect(fake.requests.some((request) => request.path.includes("entity-type=server"))).toBe(false);
  });

  it("cannot list entities without can_view_permissions, and says why", async () => {
    const fake = permissionsApi();
    const user = userEvent.setup();
    renderWithApp(<GroupPanel group={undefined} existingNames={[]} onClose={vi.fn()} onSaved={vi.fn()} />, { identity: fineGrainedIdentity(["can_edit_groups"]) });
    await user.selectOptions(screen.getByLabelText("Entity type"), "cluster_link");
    expect(screen.getByLabelText("Entity")).toBeDisabled();
    expect(screen.getByLabelText("Entity")).toHaveAttribute("title", "You are not allowed to view permissions");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("editing a group", () => {
  it("renames with POST before replacing description and permissions with PUT", async () => {
    const fake = new FakeApi().on("POST /1.0/auth/groups/ops", { status: 201, metadata: null }).on("PUT /1.0/auth/groups/operators", { metadata: null }).install();
    const onSaved = vi.fn();
    const user = userEvent.setup();
    const group = { name: "ops", description: "Old", permissions: [{ entity_type: "server", url: "/1.0", entitlement: "viewer" }], identities: {} };
    renderWithApp(<GroupPanel group={group} existingNames={["ops", "admins"]} onClose={vi.fn()} onSaved={onSaved} />);

    expect(screen.getByRole("dialog", { name: "Edit group ops" })).toBeInTheDocument();
    const name = screen.getByLabelText("Name");
    await user.clear(name);
    await user.type(name, "admins");
    await user.tab();
    expect(screen.getByText("A group with this name already exists")).toBeInTheDocument();
    await user.clear(name);
    await user.type(name, "operators");
    await user.click(screen.getByRole("button", { name: "Save group" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith("operators", false));
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["POST /1.0/auth/groups/ops", "PUT /1.0/auth/groups/operators"]);
    expect(fake.requests[0]!.body).toEqual({ name: "operators" });
    expect(fake.requests[1]!.body).toEqual({ description: "Old", permissions: group.permissions });
  });
});

describe("validateGroupName", () => {
  it("applies the server's name rules", () => {
    expect(validateGroupName(" ", [], undefined)).toBe("Group name is required");
    expect(validateGroupName("a/b", [], undefined)).toBe("Group name cannot contain a forward slash");
    expect(validateGroupName("a:b", [], undefined)).toBe("Group name cannot contain a colon");
    expect(validateGroupName("ops", ["ops"], "ops")).toBeUndefined();
  });
});

describe("GroupsPage", () => {
  it("deletes a group only after the confirmation phrase is typed", async () => {
    const fake = new FakeApi()
      .on("GET /1.0/auth/groups?recursion=1", { metadata: [{ name: "ops", description: "Operators", permissions: [], identities: { tls: ["a", "b"] } }] })
      .on("DELETE /1.0/auth/groups/ops", { metadata: null })
      .install();
    const user = userEvent.setup();
    renderWithApp(<GroupsPage />);
    const table = await screen.findByRole("table", { name: "Auth groups" });
    expect(within(table).getByRole("row", { name: /ops Operators 2 0/ })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Delete group ops" }));
    const dialog = screen.getByRole("dialog", { name: "Confirm group deletion" });
    const confirm = within(dialog).getByRole("button", { name: "Delete group" });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByLabelText("Type confirm-delete-group to confirm"), "confirm-delete-group");
    await user.click(confirm);
    await waitFor(() => expect(fake.requestsTo("DELETE", "/1.0/auth/groups/ops")).toHaveLength(1));
  });

  it("disables group actions with reasons for a fine-grained caller", async () => {
    new FakeApi()
      .on("GET /1.0/auth/groups?recursion=1&with-access-entitlements=can_edit,can_delete", { metadata: [{ name: "ops", description: "", permissions: [], access_entitlements: ["can_edit"] }] })
      .install();
    renderWithApp(<GroupsPage />, { identity: fineGrainedIdentity(["can_view_groups"]) });
    await screen.findByRole("table", { name: "Auth groups" });
    expect(screen.getByRole("button", { name: "Create group" })).toHaveAttribute("title", "You do not have permission to create groups");
    expect(screen.getByRole("button", { name: "Edit group ops" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Delete group ops" })).toHaveAttribute("title", "You do not have permission to delete this group");
  });
});
