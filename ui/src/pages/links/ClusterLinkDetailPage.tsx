import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../../api/client";
import { linkAddresses } from "../../api/clusterLinks";
import { useAccess, useClustered } from "../../app/AppData";
import { useNotify } from "../../app/Notifications";
import { useClusterLink, useClusterLinkState, useIdentities } from "../../app/queries";
import { hasEntitlement } from "../../auth/access";
import { EditDeleteActions } from "../../components/Button";
import { ErrorAlert, Loading } from "../../components/States";
import { DataTable } from "../../components/Table";
import { formatMillis, formatTime } from "../format";
import { usePageTitle } from "../usePageTitle";
import { DELETE_DENIED, EDIT_DENIED, StatusLabel } from "./ClusterLinksPage";
import { DeleteClusterLinkDialog } from "./DeleteClusterLinkDialog";
import { EditClusterLinkPanel } from "./EditClusterLinkPanel";
import { capitalise, isPendingIdentity, linkIdentity, linkStatus } from "./linkStatus";
import { StatusBadge } from "../../components/StatusBadge";

const REFRESH_MILLIS = 5000;

/** One link with the live health of every remote member, refreshed every 5 s and on cluster-link events. */
export function ClusterLinkDetailPage() {
  const { name = "" } = useParams();
  usePageTitle(name);
  const access = useAccess();
  const clustered = useClustered();
  const notify = useNotify();
  const navigate = useNavigate();
  const link = useClusterLink(name);
  const identities = useIdentities();
  const identity = link.data ? linkIdentity(link.data, identities.data) : undefined;
  const pending = isPendingIdentity(identity);
  const state = useClusterLinkState(name, link.isSuccess && identities.isSuccess && !pending, REFRESH_MILLIS);
  const [overlay, setOverlay] = useState<"edit" | "delete" | undefined>(undefined);
  const listPath = clustered ? "/cluster/links" : "/server/cluster-links";

  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to={listPath}>Cluster links</Link>
    </nav>
  );

  if (link.isPending) {
    return (
      <>
        {breadcrumb}
        <h1>{name}</h1>
        <Loading text="Loading cluster link..." />
      </>
    );
  }
  if (link.isError) {
    const notFound = link.error instanceof ApiError && link.error.status === 404;
    return (
      <>
        {breadcrumb}
        <h1>{name}</h1>
        <ErrorAlert title={notFound ? `Cluster link ${name} not found` : "Loading cluster link failed"} error={notFound ? undefined : link.error} />
      </>
    );
  }

  const data = link.data;
  const status = linkStatus(identity, state.data, state.isError);
  const addresses = linkAddresses(data);
  const members = state.data?.cluster_link_members ?? [];

  return (
    <>
      {breadcrumb}
      <div className="page-header">
        <h1>{data.name}</h1>
        <div className="row">
          <EditDeleteActions
            noun="cluster link"
            name={data.name}
            editDenied={hasEntitlement(access, data, "can_edit") ? undefined : EDIT_DENIED}
            deleteDenied={hasEntitlement(access, data, "can_delete") ? undefined : DELETE_DENIED}
            onEdit={() => setOverlay("edit")}
            onDelete={() => setOverlay("delete")}
          />
        </div>
      </div>

      <section aria-labelledby="link-overview" className="section">
        <h2 id="link-overview">Overview</h2>
        <dl className="details">
          <dt>Status</dt>
          <dd>
            <StatusLabel status={status} />
          </dd>
          <dt>Type</dt>
          <dd>{capitalise(data.type)}</dd>
          <dt>Description</dt>
          <dd>{data.description || "-"}</dd>
          <dt>Addresses</dt>
          <dd>{addresses.length === 0 ? "-" : addresses.map((address) => `https://${address}`).join(", ")}</dd>
          <dt>Auth groups</dt>
          <dd>{identity?.groups?.length ? identity.groups.join(", ") : "-"}</dd>
          <dt>Used by</dt>
          <dd>{data.used_by?.length ? data.used_by.join(", ") : "-"}</dd>
        </dl>
      </section>

      <section aria-labelledby="link-members" className="section">
        <h2 id="link-members">Remote members</h2>
        {pending ? (
          <p>This link is pending: the other cluster has not used its token yet, so there are no members to probe.</p>
        ) : state.isPending ? (
          <Loading text="Loading member health..." />
        ) : state.isError ? (
          <ErrorAlert title="Loading member health failed" error={state.error} />
        ) : members.length === 0 ? (
          <p>No remote member addresses are known for this link.</p>
        ) : (
          <DataTable label="Remote members" columns={["Member", "Address", "Status", "Last contact", "Round trip", "Certificate expires", "Error"]}>
            {members.map((member) => (
              <tr key={member.address}>
                <td>{member.server_name || "-"}</td>
                <td>{member.address}</td>
                <td>
                  <StatusBadge status={member.status} />
                </td>
                <td>{formatTime(member.last_contact)}</td>
                <td>{formatMillis(member.round_trip_millis)}</td>
                <td>{formatTime(member.certificate_expires_at)}</td>
                <td>{member.error || "-"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>

      {overlay === "edit" && (
        <EditClusterLinkPanel
          link={data}
          identity={identity}
          onClose={() => setOverlay(undefined)}
          onSaved={(saved) => {
            setOverlay(undefined);
            notify(`Cluster link ${saved} saved.`);
          }}
        />
      )}
      {overlay === "delete" && (
        <DeleteClusterLinkDialog
          link={data}
          onClose={() => setOverlay(undefined)}
          onDeleted={(deleted) => {
            setOverlay(undefined);
            notify(`Cluster link ${deleted} deleted.`);
            navigate(listPath);
          }}
        />
      )}
    </>
  );
}
