import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { describe, expect, it, vi } from "vitest";
import { FakeApi } from "../../test/fakeApi";
import { CertificateAddPage, tokenFromPaste } from "./CertificateAddPage";

function renderPage() {
  const onTrusted = vi.fn();
  const user = userEvent.setup();
  render(
    <MemoryRouter>
      <CertificateAddPage onTrusted={onTrusted} />
    </MemoryRouter>,
  );
  return { onTrusted, user };
}

describe("CertificateAddPage", () => {
  it("redeems the last line of the pasted text as the trust token", async () => {
    const fake = new FakeApi().on("POST /1.0/auth/identities/tls", { status: 201, metadata: null }).install();
    const { onTrusted, user } = renderPage();
    await user.type(screen.getByLabelText("Paste the identity trust token below:"), "Client laptop certificate add token:{Enter}eyJ0b2tlbiI6MX0={Enter}");
    await user.click(screen.getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(onTrusted).toHaveBeenCalled());
    expect(fake.requests[0]!.body).toEqual({ trust_token: "eyJ0b2tlbiI6MX0=" });
  });

  it("shows why the server refused the token", async () => {
    new FakeApi().on("POST /1.0/auth/identities/tls", { status: 500, error: "Failed during search for pending TLS identity: Token has expired" }).install();
    const { onTrusted, user } = renderPage();
    await user.type(screen.getByLabelText("Paste the identity trust token below:"), "abc");
    await user.click(screen.getByRole("button", { name: "Connect" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Adding the certificate failed: Failed during search for pending TLS identity: Token has expired");
    expect(onTrusted).not.toHaveBeenCalled();
  });

  it("takes the token from pasted CLI output", () => {
    expect(tokenFromPaste("  \nheader\n  tok  \n\n")).toBe("tok");
    expect(tokenFromPaste("")).toBe("");
  });
});
