import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { LinkTokenModal } from "../pages/links/ClusterLinksPage";
import { TokenModal } from "./TokenModal";

const TOKEN = "eyJjbGllbnRfbmFtZSI6ImJldGEifQ==";

function renderModal(writeClipboard: (text: string) => Promise<void>) {
  const onDone = vi.fn();
  render(
    <TokenModal
      heading="Cluster link beta created"
      token={TOKEN}
      notice="Copy it now."
      commandNameInput={{ label: "Cluster link name for the command", initial: "alpha" }}
      commands={(name) => [`jxc cluster link create ${name} --token ${TOKEN} --auth-group <group>`]}
      onDone={onDone}
      writeClipboard={writeClipboard}
    />,
  );
  return { onDone, user: userEvent.setup() };
}

describe("TokenModal", () => {
  it("shows the token and keeps Done disabled until the copy is confirmed", async () => {
    const { onDone, user } = renderModal(vi.fn(async () => {}));
    expect(screen.getByRole("dialog", { name: "Cluster link beta created" })).toBeInTheDocument();
    expect(screen.getByLabelText("Trust token")).toHaveTextContent(TOKEN);
    const done = screen.getByRole("button", { name: "Done" });
    expect(done).toBeDisabled();

    await user.keyboard("{Escape}");
    expect(onDone).not.toHaveBeenCalled();

    await user.click(screen.getByRole("checkbox", { name: "I have copied the token" }));
    expect(done).toBeEnabled();
    await user.click(done);
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it("copies the token to the clipboard and ticks the confirmation", async () => {
    const writeClipboard = vi.fn(async () => {});
    const { user } = renderModal(writeClipboard);
    await user.click(screen.getByRole("button", { name: "Copy token" }));
    expect(writeClipboard).toHaveBeenCalledWith(TOKEN);
    expect(screen.getByRole("checkbox", { name: "I have copied the token" })).toBeChecked();
    expect(screen.getByRole("button", { name: "Done" })).toBeEnabled();
  });

  it("leaves the confirmation unticked and says so when copying fails", async () => {
    const { user } = renderModal(vi.fn(async () => Promise.reject(new Error("Write permission denied"))));
    await user.click(screen.getByRole("button", { name: "Copy token" }));
    expect(screen.getByRole("alert")).toHaveTextContent("Could not copy the token: Write permission denied");
    expect(screen.getByRole("checkbox", { name: "I have copied the token" })).not.toBeChecked();
    expect(screen.getByRole("button", { name: "Done" })).toBeDisabled();
  });

  it("puts the name typed for the command into the command line", async () => {
    const { user } = renderModal(vi.fn(async () => {}));
    expect(screen.getByText(`jxc cluster link create alpha --token ${TOKEN} --auth-group <group>`)).toBeInTheDocument();
    const input = screen.getByLabelText("Cluster link name for the command");
    await user.clear(input);
    await user.type(input, "primary");
    expect(screen.getByText(`jxc cluster link create primary --token ${TOKEN} --auth-group <group>`)).toBeInTheDocument();
  });

  it("keeps focus inside the dialog", async () => {
    const { user } = renderModal(vi.fn(async () => {}));
    const dialog = screen.getByRole("dialog");
    for (let step = 0; step < 8; step++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
  });
});

describe("LinkTokenModal", () => {
  it("uses the contract's heading and command, defaulting the command name to this server", () => {
    render(<LinkTokenModal name="beta" token={TOKEN} serverName="alpha" onDone={vi.fn()} />);
    expect(screen.getByRole("heading", { name: "Cluster link beta created" })).toBeInTheDocument();
    expect(screen.getByLabelText("Cluster link name for the command")).toHaveValue("alpha");
    expect(screen.getByText(`jxc cluster link create alpha --token ${TOKEN} --auth-group <group>`)).toBeInTheDocument();
  });
});
