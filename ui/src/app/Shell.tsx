import { useState } from "react";
import { Navigate, NavLink, Outlet, useLocation } from "react-router";
import { ErrorAlert, Loading } from "../components/States";
import { AppDataProvider, buildAppData, useCurrentIdentityQuery, useServerQuery } from "./AppData";
import { NotificationsProvider } from "./Notifications";
import { useLifecycleEvents } from "./useEvents";

function Header({ serverName, userName }: { serverName: string | undefined; userName: string | undefined }) {
  return (
    <header className="app-header">
      <span className="brand">jxd</span>
      {serverName && <span className="server-name">{serverName}</span>}
      {userName && <span className="user-name">Signed in as {userName}</span>}
    </header>
  );
}

function Navigation({ clustered }: { clustered: boolean }) {
  // Collapsed on load: the "Clustering" button discloses its links when pressed
  const [clusteringOpen, setClusteringOpen] = useState(false);
  const location = useLocation();
  const inCluster = location.pathname.startsWith("/cluster");

  return (
    <nav aria-label="Main" className="app-nav">
      <ul>
        {clustered ? (
          <li>
            <button
              type="button"
              className={`nav-disclosure ${inCluster ? "contains-current" : ""}`}
              aria-expanded={clusteringOpen}
              aria-controls="nav-clustering"
              onClick={() => setClusteringOpen((open) => !open)}
            >
              Clustering
              {/* Not CSS generated content: browsers would add that to the button's accessible name */}
              <span className="chevron" aria-hidden="true">
                ▸
              </span>
            </button>
            <ul id="nav-clustering" hidden={!clusteringOpen}>
              <li>
                <NavLink to="/cluster/members">Members</NavLink>
              </li>
              <li>
                <NavLink to="/cluster/links">Links</NavLink>
              </li>
            </ul>
          </li>
        ) : (
          <li>
            <NavLink to="/server">Server</NavLink>
          </li>
        )}
        <li>
          <span className="nav-group" id="nav-permissions-label">
            Permissions
          </span>
          <ul aria-labelledby="nav-permissions-label">
            <li>
              <NavLink to="/permissions/groups">Groups</NavLink>
            </li>
            <li>
              <NavLink to="/permissions/identities">Identities</NavLink>
            </li>
          </ul>
        </li>
        <li>
          <NavLink to="/settings">Settings</NavLink>
        </li>
      </ul>
    </nav>
  );
}

/** Layout for trusted callers; untrusted ones are sent to the login page. */
export function Shell() {
  const serverQuery = useServerQuery();
  const trusted = serverQuery.data?.auth === "trusted";
  const identityQuery = useCurrentIdentityQuery(trusted);
  useLifecycleEvents(trusted);

  if (serverQuery.isPending) {
    return (
      <>
        <Header serverName={undefined} userName={undefined} />
        <main className="app-main">
          <Loading text="Loading..." />
        </main>
      </>
    );
  }
  if (serverQuery.isError) {
    return (
      <>
        <Header serverName={undefined} userName={undefined} />
        <main className="app-main">
          <h1>jxd</h1>
          <ErrorAlert title="Cannot load the server information" error={serverQuery.error} />
        </main>
      </>
    );
  }
  if (!trusted) {
    return <Navigate to="/login" replace />;
  }
  if (identityQuery.isPending) {
    return (
      <>
        <Header serverName={serverQuery.data.environment?.server_name} userName={undefined} />
        <main className="app-main">
          <Loading text="Loading..." />
        </main>
      </>
    );
  }

  // Without the identity (an error) every control stays enabled and the server decides, as for unrestricted certificates
  const appData = buildAppData(serverQuery.data, identityQuery.data);
  return (
    <AppDataProvider value={appData}>
      <div className="app">
        <Header serverName={serverQuery.data.environment?.server_name} userName={identityQuery.data?.name || serverQuery.data.auth_user_name} />
        <div className="app-body">
          <Navigation clustered={appData.clustered} />
          <main className="app-main">
            <NotificationsProvider>
              <Outlet />
            </NotificationsProvider>
          </main>
        </div>
      </div>
    </AppDataProvider>
  );
}
