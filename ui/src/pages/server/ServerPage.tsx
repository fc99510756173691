import { NavLink } from "react-router";
import { useAppData } from "../../app/AppData";
import { usePageTitle } from "../usePageTitle";
import { ClusterLinksPage } from "../links/ClusterLinksPage";

function ServerTabs() {
  return (
    <nav aria-label="Server" className="tabs">
      <NavLink to="/server" end>
        Overview
      </NavLink>
      <NavLink to="/server/cluster-links">Cluster links</NavLink>
    </nav>
  );
}

function Overview() {
  usePageTitle("Server");
  const { server, clustered } = useAppData();
  const environment = server.environment;
  return (
    <>
      <h1>Server</h1>
      <p className="alert alert-info">
        {clustered
          ? "This server is a member of a cluster: see Clustering for its members and links."
          : "This server is not clustered. Cluster links connect it to other servers and clusters."}
      </p>
      <dl className="details">
        <dt>Name</dt>
        <dd>{environment?.server_name || "-"}</dd>
        <dt>Version</dt>
        <dd>{environment?.server_version || "-"}</dd>
        <dt>API</dt>
        <dd>
          {server.api_version} ({server.api_status})
        </dd>
        <dt>Addresses</dt>
        <dd>{environment?.addresses?.length ? environment.addresses.join(", ") : "-"}</dd>
        <dt>Certificate fingerprint</dt>
        <dd className="monospace">{environment?.certificate_fingerprint || "-"}</dd>
        <dt>Signed in as</dt>
        <dd>{server.auth_user_method && server.auth_user_name ? `${server.auth_user_method}/${server.auth_user_name}` : "-"}</dd>
      </dl>
    </>
  );
}

/** The single-server page: an overview tab and the cluster links tab. */
export function ServerPage({ tab }: { tab: "overview" | "cluster-links" }) {
  return (
    <>
      <ServerTabs />
      {tab === "overview" ? <Overview /> : <ClusterLinksPage />}
    </>
  );
}
