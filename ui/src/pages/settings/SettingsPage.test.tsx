import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FakeApi } from "../../test/fakeApi";
import { fineGrainedIdentity, renderWithApp, SERVER } from "../../test/render";
import { SettingsPage } from "./SettingsPage";

const server = { ...SERVER, config: { "core.https_address": ":8443", "user.team": "infra" } };

describe("SettingsPage", () => {
  it("lists configured and known keys", () => {
    new FakeApi().install();
    renderWithApp(<SettingsPage />, { server });
    const table = screen.getByRole("table", { name: "Server configuration" });
    const keys = within(table).getAllByRole("rowheader").map((header) => header.querySelector(".monospace")?.textContent);
    expect(keys).toEqual([
      "core.https_address",
      "core.remote_token_expiry",
      "core.cluster_link_token_expiry",
      "core.cluster_link_health_interval",
      "core.trust_failure_limit",
      "user.team",
    ]);
    expect(within(table).getByText(":8443")).toBeInTheDocument();
    expect(within(table).getByText("Default (15d)")).toBeInTheDocument();
  });

  it("saves one key with PATCH /1.0", async () => {
    const fake = new FakeApi().on("PATCH /1.0", { metadata: null }).on("GET /1.0", { metadata: server }).install();
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />, { server });
    await user.click(screen.getByRole("button", { name: "Edit core.cluster_link_health_interval" }));
    const input = screen.getByLabelText("core.cluster_link_health_interval");
    await user.type(input, "10");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.queryByLabelText("core.cluster_link_health_interval")).not.toBeInTheDocument());
    expect(fake.requestsTo("PATCH", "/1.0")[0]!.body).toEqual({ config: { "core.cluster_link_health_interval": "10" } });
  });

  it("shows a rejected value's error under the field and keeps editing", async () => {
    new FakeApi().on("PATCH /1.0", { status: 400, error: 'Invalid value for "core.trust_failure_limit": Must be a positive integer' }).install();
    const user = userEvent.setup();
    renderWithApp(<SettingsPage />, { server });
    await user.click(screen.getByRole("button", { name: "Edit core.trust_failure_limit" }));
    const input = screen.getByLabelText("core.trust_failure_limit");
    await user.type(input, "-1");
    await user.click(screen.getByRole("button", { name: "Save" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent('Invalid value for "core.trust_failure_limit": Must be a positive integer');
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription('Invalid value for "core.trust_failure_limit": Must be a positive integer');
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("disables editing without the server's can_edit", () => {
    new FakeApi().install();
    renderWithApp(<SettingsPage />, { server, identity: fineGrainedIdentity(["viewer"]) });
    const edit = screen.getByRole("button", { name: "Edit core.https_address" });
    expect(edit).toBeDisabled();
    expect(edit).toHaveAttribute("title", "You do not have permission to edit the server configuration");
  });
});
