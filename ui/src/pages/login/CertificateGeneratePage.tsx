import { useEffect, useId, useState, type MouseEvent } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import type { GeneratedCertificate } from "../../cert/certificate";
import { ErrorAlert } from "../../components/States";
import { usePageTitle } from "../usePageTitle";

function download(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Generates a key pair and self-signed certificate with WebCrypto; nothing leaves the browser. */
export function CertificateGeneratePage() {
  usePageTitle("Generate a certificate");
  const passwordId = useId();
  const [certificate, setCertificate] = useState<GeneratedCertificate | undefined>(undefined);
  const [generating, setGenerating] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [password, setPassword] = useState("");
  const [crtUrl, setCrtUrl] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!certificate) {
      return;
    }
    const url = URL.createObjectURL(new Blob([certificate.certificatePem], { type: "application/x-x509-user-cert" }));
    setCrtUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [certificate]);

  const generate = async () => {
    setGenerating(true);
    setError(undefined);
    try {
      // Loaded on demand: the certificate code is only needed on this page
      const { generateCertificate } = await import("../../cert/certificate");
      setCertificate(await generateCertificate(`jxd-ui-${window.location.hostname || "browser"}`));
    } catch (caught) {
      setError(caught);
    } finally {
      setGenerating(false);
    }
  };

  const downloadPfx = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (!certificate) {
      return;
    }
    try {
      const { buildPfx } = await import("../../cert/pkcs12");
      const pfx = await buildPfx({ certificateDer: certificate.certificateDer, privateKeyPkcs8: certificate.privateKeyPkcs8, password, friendlyName: certificate.commonName });
      download("jxd-ui.pfx", new Blob([pfx], { type: "application/x-pkcs12" }));
    } catch (caught) {
      setError(new Error(`Building the .pfx bundle failed: ${errorMessage(caught)}`));
    }
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/login">Log in</Link>
      </nav>
      <h1>Generate a certificate</h1>
      <section className="card" aria-label="Certificate">
        <p>
          Creates an RSA key pair and a self-signed client certificate in this browser. Download the .crt to add it to the server's trust store
          (<code>jxc auth identity create tls/&lt;name&gt; &lt;file.crt&gt;</code>), and the password-protected .pfx to import into the
          browser.
        </p>
        {error !== undefined && <ErrorAlert error={error} />}
        {!certificate ? (
          <button type="button" className="button button-positive" onClick={generate} disabled={generating}>
            {generating ? "Generating..." : "Generate"}
          </button>
        ) : (
          <>
            <p role="status">Certificate {certificate.commonName} generated.</p>
            <ol className="steps">
              <li>
                <a href={crtUrl} download="jxd-ui.crt">
                  Download .crt
                </a>
              </li>
              <li>
                <div className="field">
                  <label htmlFor={passwordId}>Password for the .pfx bundle</label>
                  <input id={passwordId} type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
                </div>
                <a href="#pfx" onClick={downloadPfx}>
                  Download .pfx
                </a>
              </li>
              <li>
                Import the .pfx into the browser (for example Settings &gt; Privacy and security &gt; Manage certificates), restart it, and come back
                with a token: <Link to="/login/certificate-add">I have a token</Link>.
              </li>
            </ol>
          </>
        )}
      </section>
    </>
  );
}
