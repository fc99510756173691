import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { Dialog } from "./Dialog";

function Page({ onEscape }: { onEscape: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <header>
        <button type="button">Outside</button>
      </header>
      <main>
        <button type="button" onClick={() => setOpen(true)}>
          Open
        </button>
        {open && (
          <Dialog variant="panel" label="Example" onEscape={() => { onEscape(); setOpen(false); }}>
            <input aria-label="First" />
            <button type="button">Last</button>
          </Dialog>
        )}
      </main>
    </>
  );
}

describe("Dialog", () => {
  it("isolates the page while open and restores it and the focus on close", async () => {
    const onEscape = vi.fn();
    const user = userEvent.setup();
    render(<Page onEscape={onEscape} />);
    await user.click(screen.getByRole("button", { name: "Open" }));

    expect(screen.getByRole("dialog", { name: "Example" })).toHaveAttribute("aria-modal", "true");
    expect(screen.getByLabelText("First")).toHaveFocus();
    // Outside content is hidden from the accessibility tree, so names are unambiguous while the dialog is open
    expect(screen.queryByRole("button", { name: "Outside" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Open" })).not.toBeInTheDocument();

    await user.tab();
    expect(screen.getByRole("button", { name: "Last" })).toHaveFocus();
    await user.tab();
    expect(screen.getByLabelText("First")).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole("button", { name: "Last" })).toHaveFocus();

    await user.keyboard("{Escape}");
    expect(onEscape).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Outside" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Open" })).toHaveFocus();
  });
});
