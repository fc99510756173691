import { useId, useState } from "react";
import { isManageableIdentity, isSystemIdentity } from "../../api/identities";
import type { Identity } from "../../api/types";
import { useAccess, useAppData } from "../../app/AppData";
import { useNotify } from "../../app/Notifications";
import { useIdentities } from "../../app/queries";
import { canCreateIdentities, hasEntitlement, type Access } from "../../auth/access";
import { ActionButton, EditDeleteActions } from "../../components/Button";
import { EmptyState, ErrorAlert, Loading } from "../../components/States";
import { DataTable } from "../../components/Table";
import { TokenModal } from "../../components/TokenModal";
import { formatTime } from "../format";
import { usePageTitle } from "../usePageTitle";
import { CreateIdentityPanel, type IdentityKind } from "./CreateIdentityPanel";
import { DeleteIdentityDialog } from "./DeleteIdentityDialog";
import { EditIdentityPanel } from "./EditIdentityPanel";

export const CREATE_IDENTITY_DENIED = "You do not have permission to create identities";
export const EDIT_IDENTITY_DENIED = "You do not have permission to edit this identity";
export const DELETE_IDENTITY_DENIED = "You do not have permission to delete this identity";

const identityKey = (identity: Identity) => `${identity.authentication_method}/${identity.id}`;

/** Why an identity's row action is unavailable, or undefined when it is allowed. */
export function identityDenial(access: Access, identity: Identity, entitlement: "can_edit" | "can_delete"): string | undefined {
  if (!isManageableIdentity(identity)) {
    return `Identities of type "${identity.type}" cannot be modified from here`;
  }
  if (!hasEntitlement(access, identity, entitlement)) {
    return entitlement === "can_edit" ? EDIT_IDENTITY_DENIED : DELETE_IDENTITY_DENIED;
  }
  return undefined;
}

type Overlay =
  | { kind: "create" }
  | { kind: "edit"; key: string }
  | { kind: "delete"; key: string }
  | { kind: "token"; identityKind: IdentityKind; name: string; token: string };

export function IdentitiesPage() {
  usePageTitle("Identities");
  const { server } = useAppData();
  const access = useAccess();
  const notify = useNotify();
  const identities = useIdentities();
  const hideId = useId();
  const [hideSystem, setHideSystem] = useState(true);
  const [overlay, setOverlay] = useState<Overlay | undefined>(undefined);
  const close = () => setOverlay(undefined);
  const all = [...(identities.data ?? [])].sort((left, right) => left.name.localeCompare(right.name) || left.id.localeCompare(right.id));
  const visible = hideSystem ? all.filter((identity) => !isSystemIdentity(identity)) : all;
  const find = (key: string) => all.find((identity) => identityKey(identity) === key);
  const isSelf = (identity: Identity) => identity.id === server.auth_user_name && identity.authentication_method === server.auth_user_method;

  let content;
  if (identities.isPending) {
    content = <Loading text="Loading identities..." />;
  } else if (identities.isError) {
    content = <ErrorAlert title="Loading identities failed" error={identities.error} />;
  } else if (visible.length === 0) {
    content = <EmptyState heading="No identities found">{all.length > 0 && <p>Only system identities exist; clear the filter to see them.</p>}</EmptyState>;
  } else {
    content = (
      <DataTable label="Identities" columns={["Name", "ID", "Auth method", "Type", "Expires", "Groups", "Actions"]}>
        {visible.map((identity) => (
          <tr key={identityKey(identity)}>
            <th scope="row">
              {identity.name}
              {isSelf(identity) && <span className="tag">You</span>}
            </th>
            <td className="monospace truncate" title={identity.id}>
              {identity.id}
            </td>
            <td>{identity.authentication_method.toUpperCase()}</td>
            <td>{identity.type}</td>
            <td>{formatTime(identity.expires_at)}</td>
            <td>{identity.groups?.length ? identity.groups.join(", ") : "-"}</td>
            <td className="actions">
              <EditDeleteActions
                noun="identity"
                name={identity.name}
                editDenied={identityDenial(access, identity, "can_edit")}
                deleteDenied={identityDenial(access, identity, "can_delete")}
                onEdit={() => setOverlay({ kind: "edit", key: identityKey(identity) })}
                onDelete={() => setOverlay({ kind: "delete", key: identityKey(identity) })}
              />
            </td>
          </tr>
        ))}
      </DataTable>
    );
  }

  const editing = overlay?.kind === "edit" ? find(overlay.key) : undefined;
  const deleting = overlay?.kind === "delete" ? find(overlay.key) : undefined;

  return (
    <>
      <div className="page-header">
        <h1>Identities</h1>
        <ActionButton appearance="positive" deniedReason={canCreateIdentities(access) ? undefined : CREATE_IDENTITY_DENIED} onClick={() => setOverlay({ kind: "create" })}>
          Create identity
        </ActionButton>
      </div>
      <div className="checkbox-field filter">
        <input id={hideId} type="checkbox" checked={hideSystem} onChange={(event) => setHideSystem(event.target.checked)} />
        <label htmlFor={hideId}>Hide system identities</label>
      </div>
      {content}
      {overlay?.kind === "create" && (
        <CreateIdentityPanel
          existingNames={all.map((identity) => identity.name)}
          onClose={close}
          onCreated={(identityKind, name, token) => setOverlay({ kind: "token", identityKind, name, token })}
        />
      )}
      {editing && (
        <EditIdentityPanel
          identity={editing}
          onClose={close}
          onSaved={(name) => {
            close();
            notify(`Updated groups for ${name}.`);
          }}
        />
      )}
      {deleting && (
        <DeleteIdentityDialog
          identity={deleting}
          isSelf={isSelf(deleting)}
          onClose={close}
          onDeleted={(name) => {
            close();
            notify(`Identity ${name} deleted.`);
          }}
        />
      )}
      {overlay?.kind === "token" && (
        <TokenModal
          heading={`Identity ${overlay.name} created`}
          token={overlay.token}
          notice={
            overlay.identityKind === "cluster-link" ? (
              <>Copy the token to continue the cluster link creation on the source cluster. Make sure to copy it now as you will not be able to see this again.</>
            ) : (
              <>The trust token lets a client add its certificate to this server once. Make sure to copy it now as you will not be able to see this again.</>
            )
          }
          usage={
            overlay.identityKind === "cluster-link" ? (
              <p>
                In the source cluster's UI, open Clustering &gt; Links (Server &gt; Cluster links on a single server), choose Create cluster link
                and Unidirectional, and paste this token. Or run on the source cluster:
              </p>
            ) : (
              <p>On the client, add this server as a remote with the token:</p>
            )
          }
          commands={(commandName) =>
            overlay.identityKind === "cluster-link"
              ? [`jxc cluster link create ${commandName} --unidirectional --token ${overlay.token}`]
              : [`jxc remote add ${commandName} ${overlay.token}`]
          }
          commandNameInput={{
            label: overlay.identityKind === "cluster-link" ? "Cluster link name for the command" : "Remote name for the command",
            initial: server.environment?.server_name ?? "",
          }}
          onDone={close}
        />
      )}
    </>
  );
}
