import { useState } from "react";
import { useSearchParams } from "react-router";
import type { AuthGroup } from "../../api/types";
import { useAccess } from "../../app/AppData";
import { useNotify } from "../../app/Notifications";
import { useGroups } from "../../app/queries";
import { canCreateGroups, hasEntitlement } from "../../auth/access";
import { ActionButton, EditDeleteActions } from "../../components/Button";
import { EmptyState, ErrorAlert, Loading } from "../../components/States";
import { DataTable } from "../../components/Table";
import { usePageTitle } from "../usePageTitle";
import { DeleteGroupDialog } from "./DeleteGroupDialog";
import { GroupPanel } from "./GroupPanel";

export const CREATE_GROUP_DENIED = "You do not have permission to create groups";
export const EDIT_GROUP_DENIED = "You do not have permission to edit this group";
export const DELETE_GROUP_DENIED = "You do not have permission to delete this group";

function identityCount(group: AuthGroup): number {
  return Object.values(group.identities ?? {}).reduce((total, identifiers) => total + (identifiers?.length ?? 0), 0);
}

type Overlay = { kind: "create" } | { kind: "edit"; name: string } | { kind: "delete"; name: string };

export function GroupsPage() {
  usePageTitle("Auth groups");
  const access = useAccess();
  const notify = useNotify();
  const groups = useGroups();
  const [searchParameters, setSearchParameters] = useSearchParams();
  const [overlay, setOverlay] = useState<Overlay | undefined>(() => (searchParameters.get("panel") === "create-group" ? { kind: "create" } : undefined));
  const close = () => {
    setOverlay(undefined);
    if (searchParameters.has("panel")) {
      setSearchParameters({}, { replace: true });
    }
  };
  const createDenied = canCreateGroups(access) ? undefined : CREATE_GROUP_DENIED;
  const sorted = [...(groups.data ?? [])].sort((left, right) => left.name.localeCompare(right.name));
  const find = (name: string) => sorted.find((group) => group.name === name);

  let content;
  if (groups.isPending) {
    content = <Loading text="Loading groups..." />;
  } else if (groups.isError) {
    content = <ErrorAlert title="Loading groups failed" error={groups.error} />;
  } else if (sorted.length === 0) {
    content = (
      <EmptyState heading="No groups">
        <p>Groups are an easy way to manage the structured assignment of permissions.</p>
      </EmptyState>
    );
  } else {
    content = (
      <DataTable label="Auth groups" columns={["Name", "Description", { heading: "Identities", numeric: true }, { heading: "Permissions", numeric: true }, "Actions"]}>
        {sorted.map((group) => (
          <tr key={group.name}>
            <th scope="row">{group.name}</th>
            <td>{group.description || "-"}</td>
            <td className="numeric">{identityCount(group)}</td>
            <td className="numeric">{(group.permissions ?? []).length}</td>
            <td className="actions">
              <EditDeleteActions
                noun="group"
                name={group.name}
                editDenied={hasEntitlement(access, group, "can_edit") ? undefined : EDIT_GROUP_DENIED}
                deleteDenied={hasEntitlement(access, group, "can_delete") ? undefined : DELETE_GROUP_DENIED}
                onEdit={() => setOverlay({ kind: "edit", name: group.name })}
                onDelete={() => setOverlay({ kind: "delete", name: group.name })}
              />
            </td>
          </tr>
        ))}
      </DataTable>
    );
  }

  const editing = overlay?.kind === "edit" ? find(overlay.name) : undefined;
  const deleting = overlay?.kind === "delete" ? find(overlay.name) : undefined;

  return (
    <>
      <div className="page-header">
        <h1>Auth groups</h1>
        <ActionButton appearance="positive" deniedReason={createDenied} onClick={() => setOverlay({ kind: "create" })}>
          Create group
        </ActionButton>
      </div>
      {content}
      {(overlay?.kind === "create" || editing) && (
        <GroupPanel
          key={editing?.name ?? "create"}
          group={editing}
          existingNames={sorted.map((group) => group.name)}
          onClose={close}
          onSaved={(name, created) => {
            close();
            notify(created ? `Group ${name} created.` : `Auth group ${name} updated.`);
          }}
        />
      )}
      {deleting && (
        <DeleteGroupDialog
          group={deleting}
          onClose={close}
          onDeleted={(name) => {
            close();
            notify(`Group ${name} deleted.`);
          }}
        />
      )}
    </>
  );
}
