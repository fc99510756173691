import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { saveGroup } from "../../api/groups";
import type { AuthGroup, Permission } from "../../api/types";
import { useAccess } from "../../app/AppData";
import { invalidateAreas } from "../../app/queryKeys";
import { canViewPermissions } from "../../auth/access";
import { entityLabel } from "../../auth/entitlements";
import { Dialog } from "../../components/Dialog";
import { PanelForm, ValidatedField } from "../../components/Form";
import { useSubmission } from "../../components/useSubmission";
import { PermissionPicker } from "./PermissionPicker";

export function validateGroupName(name: string, existing: readonly string[], originalName: string | undefined): string | undefined {
  const trimmed = name.trim();
  if (trimmed === "") {
    return "Group name is required";
  }
  if (trimmed.includes("/")) {
    return "Group name cannot contain a forward slash";
  }
  if (trimmed.includes(":")) {
    return "Group name cannot contain a colon";
  }
  if (trimmed !== originalName && existing.includes(trimmed)) {
    return "A group with this name already exists";
  }
  return undefined;
}

const samePermission = (left: Permission, right: Permission) =>
  left.entity_type === right.entity_type && left.url === right.url && left.entitlement === right.entitlement;

interface GroupPanelProps {
  /** The group being edited; undefined to create one. */
  group: AuthGroup | undefined;
  existingNames: readonly string[];
  onClose: () => void;
  onSaved: (name: string, created: boolean) => void;
}

export function GroupPanel({ group, existingNames, onClose, onSaved }: GroupPanelProps) {
  const client = useQueryClient();
  const access = useAccess();
  const descriptionId = useId();
  const [name, setName] = useState(group?.name ?? "");
  const [description, setDescription] = useState(group?.description ?? "");
  const [permissions, setPermissions] = useState<Permission[]>(group?.permissions ?? []);
  const [touched, setTouched] = useState(false);
  const { submitting, error, run } = useSubmission();
  const label = group ? `Edit group ${group.name}` : "Create group";
  const nameError = validateGroupName(name, existingNames, group?.name);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameError !== undefined || submitting) {
      return;
    }
    await run(
      async () => {
        await saveGroup(group?.name, name.trim(), description, permissions);
        await invalidateAreas(client, ["groups", "identities"]);
        onSaved(name.trim(), group === undefined);
      },
      // A rename may have gone through before the update failed
      () => void invalidateAreas(client, ["groups"]),
    );
  };

  return (
    <Dialog variant="panel" label={label} onEscape={onClose}>
      <PanelForm
        heading={label}
        onSubmit={submit}
        noValidate
        errorTitle={group ? "Group update failed" : "Group creation failed"}
        error={error}
        backLabel="Cancel"
        onBack={onClose}
        submitLabel="Save group"
        submitDisabled={submitting}
      >
        <ValidatedField label="Name" value={name} error={touched ? nameError : undefined} onChange={(event) => setName(event.target.value)} onBlur={() => setTouched(true)} />
        <div className="field">
          <label htmlFor={descriptionId}>Description</label>
          <input id={descriptionId} value={description} onChange={(event) => setDescription(event.target.value)} />
        </div>
        <fieldset className="fieldset">
          <legend>Permissions</legend>
          <PermissionPicker
            canListEntities={canViewPermissions(access)}
            onAdd={(permission) => setPermissions((current) => (current.some((entry) => samePermission(entry, permission)) ? current : [...current, permission]))}
          />
          {permissions.length === 0 ? (
            <p className="muted">This group grants no permissions yet.</p>
          ) : (
            <table aria-label="Permissions" className="table compact">
              <thead>
                <tr>
                  <th scope="col">Entity type</th>
                  <th scope="col">Entity</th>
                  <th scope="col">Entitlement</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {permissions.map((permission) => (
                  <tr key={`${permission.entity_type} ${permission.url} ${permission.entitlement}`}>
                    <td>{permission.entity_type}</td>
                    <td title={permission.url}>{entityLabel(permission.entity_type, permission.url)}</td>
                    <td>{permission.entitlement}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-link"
                        onClick={() => setPermissions((current) => current.filter((entry) => !samePermission(entry, permission)))}
                      >
                        Remove permission
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </fieldset>
      </PanelForm>
    </Dialog>
  );
}
