import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { addBrowserCertificate } from "../../api/identities";
import { ErrorAlert } from "../../components/States";
import { usePageTitle } from "../usePageTitle";

/** The token is the last non-empty line: people paste the whole output of the CLI. */
export function tokenFromPaste(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "")
      .at(-1) ?? ""
  );
}

export function CertificateAddPage({ onTrusted = () => window.location.assign("/ui/") }: { onTrusted?: () => void }) {
  usePageTitle("Add certificate");
  const textareaId = useId();
  const [text, setText] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const token = tokenFromPaste(text);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (token === "") {
      setError(new Error("Paste a trust token first"));
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await addBrowserCertificate(token);
      // The certificate this browser presents is now trusted; a full load picks up the new identity everywhere
      onTrusted();
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/login">Log in</Link>
      </nav>
      <h1>Add this browser's certificate</h1>
      <form className="card" onSubmit={submit}>
        <p>
          The browser must already present the certificate you want to trust (import the .pfx and reload). Create a token with{" "}
          <code>jxc auth identity create tls/&lt;name&gt;</code> on a trusted machine.
        </p>
        {error !== undefined && <ErrorAlert title="Adding the certificate failed" error={error} />}
        <div className="field">
          <label htmlFor={textareaId}>Paste the identity trust token below:</label>
          <textarea id={textareaId} rows={6} value={text} onChange={(event) => setText(event.target.value)} spellCheck={false} />
        </div>
        <button type="submit" className="button button-positive" disabled={submitting}>
          Connect
        </button>
      </form>
    </>
  );
}
