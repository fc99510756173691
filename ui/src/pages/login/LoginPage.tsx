import { Link } from "react-router";
import { usePageTitle } from "../usePageTitle";

export function LoginPage() {
  usePageTitle("Log in");
  return (
    <>
      <h1>Log in to jxd</h1>
      <section className="card" aria-labelledby="tls-login">
        <h2 id="tls-login">Set up TLS login</h2>
        <p>
          jxd authenticates browsers with a TLS client certificate. This browser did not present a certificate the server trusts, so you are
          not logged in.
        </p>
        <ol className="steps">
          <li>
            <Link to="/login/certificate-generate">Generate a certificate</Link> for this browser, or use one you already have, and import the
            .pfx bundle into the browser's certificate store.
          </li>
          <li>
            On a machine where <code>jxc</code> is already trusted, create a trust token for a new identity:
            <pre className="command">jxc auth identity create tls/&lt;name&gt; --group &lt;group&gt;</pre>
            The command prints a trust token: a single line of base64 that can be used once, like the token that <code>jxc remote add</code>{" "}
            accepts.
          </li>
          <li>
            Reload this page, choose the imported certificate when the browser asks, then follow <Link to="/login/certificate-add">I have a token</Link>{" "}
            and paste the token to add the certificate to the server's trust store.
          </li>
        </ol>
      </section>
    </>
  );
}
