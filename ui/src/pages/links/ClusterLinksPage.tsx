import { useState } from "react";
import { Link } from "react-router";
import { linkAddresses } from "../../api/clusterLinks";
import type { ClusterLink, Identity } from "../../api/types";
import { useAccess, useAppData } from "../../app/AppData";
import { useNotify } from "../../app/Notifications";
import { useClusterLinks, useClusterLinkState, useIdentities } from "../../app/queries";
import { canCreateClusterLinks, hasEntitlement, type Access } from "../../auth/access";
import { ActionButton, EditDeleteActions } from "../../components/Button";
import { EmptyState, ErrorAlert, Loading } from "../../components/States";
import { DataTable } from "../../components/Table";
import { TokenModal } from "../../components/TokenModal";
import { usePageTitle } from "../usePageTitle";
import { CreateClusterLinkPanel } from "./CreateClusterLinkPanel";
import { DeleteClusterLinkDialog } from "./DeleteClusterLinkDialog";
import { EditClusterLinkPanel } from "./EditClusterLinkPanel";
import { capitalise, isPendingIdentity, linkIdentity, linkStatus, type LinkStatus } from "./linkStatus";
import { StatusBadge } from "../../components/StatusBadge";

export const CREATE_DENIED = "You do not have permission to create cluster links";
export const EDIT_DENIED = "You do not have permission to edit this cluster link";
export const DELETE_DENIED = "You do not have permission to delete this cluster link";

export function StatusLabel({ status }: { status: LinkStatus | undefined }) {
  if (status === undefined) {
    return (
      <span className="status status-loading">
        <span className="spinner" aria-hidden="true" />
        <span className="visually-hidden">Checking status</span>
      </span>
    );
  }
  return <StatusBadge status={status} />;
}

interface LinkRowProps {
  link: ClusterLink;
  identity: Identity | undefined;
  /** The identities list has answered, so `identity` is known (or known to be absent). */
  identitiesKnown: boolean;
  access: Access;
  onEdit: () => void;
  onDelete: () => void;
}

function LinkRow({ link, identity, identitiesKnown, access, onEdit, onDelete }: LinkRowProps) {
  // A pending link has no certificate to probe with; asking for its state only yields an error
  const pending = isPendingIdentity(identity);
  const state = useClusterLinkState(link.name, identitiesKnown && !pending);
  const status = linkStatus(identity, state.data, state.isError);
  const addresses = linkAddresses(link);
  const groups = identity?.groups ?? [];

  return (
    <tr>
      <th scope="row">
        <Link to={`/cluster/links/${encodeURIComponent(link.name)}`}>{link.name}</Link>
      </th>
      <td>
        <StatusLabel status={status} />
      </td>
      <td>{capitalise(link.type)}</td>
      <td>{link.description || "-"}</td>
      <td className="numeric">{(link.used_by ?? []).length}</td>
      <td>
        {addresses.length === 0 ? (
          "-"
        ) : (
          <ul className="plain-list">
            {addresses.map((address) => (
              <li key={address}>
                <a href={`https://${address}`} target="_blank" rel="noreferrer">{`https://${address}`}</a>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>{groups.length === 0 ? "-" : groups.join(", ")}</td>
      <td className="actions">
        <EditDeleteActions
          noun="cluster link"
          name={link.name}
          editDenied={hasEntitlement(access, link, "can_edit") ? undefined : EDIT_DENIED}
          deleteDenied={hasEntitlement(access, link, "can_delete") ? undefined : DELETE_DENIED}
          onEdit={onEdit}
          onDelete={onDelete}
        />
      </td>
    </tr>
  );
}

type Overlay =
  | { kind: "create" }
  | { kind: "edit"; name: string }
  | { kind: "delete"; name: string }
  | { kind: "token"; name: string; token: string };

/** The cluster links list; the same page serves `/ui/cluster/links` and `/ui/server/cluster-links`. */
export function ClusterLinksPage() {
  usePageTitle("Cluster links");
  const { server } = useAppData();
  const access = useAccess();
  const notify = useNotify();
  const links = useClusterLinks();
  const identities = useIdentities();
  const [overlay, setOverlay] = useState<Overlay | undefined>(undefined);
  const close = () => setOverlay(undefined);
  const createDenied = canCreateClusterLinks(access) ? undefined : CREATE_DENIED;

  const createButton = (
    <ActionButton appearance="positive" deniedReason={createDenied} onClick={() => setOverlay({ kind: "create" })}>
      Create cluster link
    </ActionButton>
  );
  const sorted = [...(links.data ?? [])].sort((left, right) => left.name.localeCompare(right.name));
  const find = (name: string) => sorted.find((link) => link.name === name);

  let content;
  if (links.isPending) {
    content = <Loading text="Loading cluster links..." />;
  } else if (links.isError) {
    content = <ErrorAlert title="Loading cluster links failed" error={links.error} />;
  } else if (sorted.length === 0) {
    content = (
      <EmptyState heading="No cluster links found">
        <p>There are no cluster links on this server.</p>
        <p>A cluster link lets this cluster call another one's API, or lets both call each other, with pinned certificates.</p>
        {createButton}
      </EmptyState>
    );
  } else {
    content = (
      <DataTable label="Cluster links" columns={["Name", "Status", "Type", "Description", { heading: "Used by", numeric: true }, "Addresses", "Auth groups", "Actions"]}>
        {sorted.map((link) => (
          <LinkRow
            key={link.name}
            link={link}
            identity={linkIdentity(link, identities.data)}
            identitiesKnown={!identities.isPending}
            access={access}
            onEdit={() => setOverlay({ kind: "edit", name: link.name })}
            onDelete={() => setOverlay({ kind: "delete", name: link.name })}
          />
        ))}
      </DataTable>
    );
  }

  const editing = overlay?.kind === "edit" ? find(overlay.name) : undefined;
  const deleting = overlay?.kind === "delete" ? find(overlay.name) : undefined;

  return (
    <>
      <div className="page-header">
        <h1>Cluster links</h1>
        {sorted.length > 0 && createButton}
      </div>
      {identities.isError && <ErrorAlert title="Loading identities failed" error={identities.error} />}
      {content}
      {overlay?.kind === "create" && (
        <CreateClusterLinkPanel
          onClose={close}
          onCreated={(name) => {
            close();
            notify(`Cluster link ${name} created.`);
          }}
          onTokenGenerated={(name, token) => setOverlay({ kind: "token", name, token })}
        />
      )}
      {editing && (
        <EditClusterLinkPanel
          link={editing}
          identity={linkIdentity(editing, identities.data)}
          onClose={close}
          onSaved={(name) => {
            close();
            notify(`Cluster link ${name} saved.`);
          }}
        />
      )}
      {deleting && (
        <DeleteClusterLinkDialog
          link={deleting}
          onClose={close}
          onDeleted={(name) => {
            close();
            notify(`Cluster link ${name} deleted.`);
          }}
        />
      )}
      {overlay?.kind === "token" && (
        <LinkTokenModal name={overlay.name} token={overlay.token} serverName={server.environment?.server_name ?? ""} onDone={close} />
      )}
    </>
  );
}

export function LinkTokenModal({ name, token, serverName, onDone }: { name: string; token: string; serverName: string; onDone: () => void }) {
  return (
    <TokenModal
      heading={`Cluster link ${name} created`}
      token={token}
      notice={
        <>
          <strong>Copy the trust token.</strong> The trust token can be used to establish the cluster link {name} on the target cluster. Make sure to
          copy it now as you will not be able to see this again.
        </>
      }
      usage={
        <p>
          In the target cluster's UI, open Clustering &gt; Links (Server &gt; Cluster links on a single server), choose Create cluster link,
          Bidirectional and I have a token, and paste this token. Or run on the target cluster:
        </p>
      }
      commandNameInput={{ label: "Cluster link name for the command", initial: serverName }}
      commands={(commandName) => [`jxc cluster link create ${commandName} --token ${token} --auth-group <group>`]}
      onDone={onDone}
    />
  );
}
