import { useId, useState } from "react";
import { entityUrls } from "../../api/permissions";
import type { Permission } from "../../api/types";
import { usePermissionEntities } from "../../app/queries";
import { entitlementsFor, entityLabel, GRANTABLE_ENTITY_TYPES, SERVER_URL } from "../../auth/entitlements";
import { ErrorAlert } from "../../components/States";

export const VIEW_PERMISSIONS_DENIED = "You are not allowed to view permissions";

interface PermissionPickerProps {
  onAdd: (permission: Permission) => void;
  /** Without `can_view_permissions` the entity list cannot be loaded; only the server can be picked. */
  canListEntities: boolean;
}

/**
 * Three dependent selects: entity type, then an entity of that type (from `GET /1.0/auth/permissions`), then an
 * entitlement valid for the type. Only combinations the server accepts can be added.
 */
export function PermissionPicker({ onAdd, canListEntities }: PermissionPickerProps) {
  const ids = { type: useId(), entity: useId(), entitlement: useId() };
  const [entityType, setEntityType] = useState("");
  const [url, setUrl] = useState("");
  const [entitlement, setEntitlement] = useState("");
  const isServer = entityType === "server";
  const listEntities = entityType !== "" && !isServer && canListEntities;
  const entities = usePermissionEntities(entityType, listEntities);

  const urls = isServer ? [SERVER_URL] : listEntities ? entityUrls(entities.data ?? []) : [];
  const entitlements = entityType === "" ? [] : entitlementsFor(entityType);
  const entityDenied = entityType !== "" && !isServer && !canListEntities;
  const selectedUrl = isServer ? SERVER_URL : url;
  const complete = entityType !== "" && selectedUrl !== "" && entitlement !== "";

  const chooseType = (value: string) => {
    setEntityType(value);
    setUrl("");
    setEntitlement("");
  };

  return (
    <div className="permission-picker">
      <div className="field">
        <label htmlFor={ids.type}>Entity type</label>
        <select id={ids.type} value={entityType} onChange={(event) => chooseType(event.target.value)}>
          <option value="">Select an entity type</option>
          {GRANTABLE_ENTITY_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.entity}>Entity</label>
        <select
          id={ids.entity}
          value={selectedUrl}
          disabled={entityType === "" || isServer || entityDenied}
          title={entityDenied ? VIEW_PERMISSIONS_DENIED : undefined}
          onChange={(event) => setUrl(event.target.value)}
        >
          {!isServer && <option value="">{listEntities && entities.isPending ? "Loading entities..." : "Select an entity"}</option>}
          {urls.map((entityUrl) => (
            <option key={entityUrl} value={entityUrl}>
              {entityLabel(entityType, entityUrl)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.entitlement}>Entitlement</label>
        <select id={ids.entitlement} value={entitlement} disabled={entityType === ""} onChange={(event) => setEntitlement(event.target.value)}>
          <option value="">Select an entitlement</option>
          {entitlements.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button"
        disabled={!complete}
        onClick={() => {
          onAdd({ entity_type: entityType, url: selectedUrl, entitlement });
          setEntitlement("");
        }}
      >
        Add permission
      </button>
      {listEntities && entities.isError && <ErrorAlert title="Loading entities failed" error={entities.error} />}
      {listEntities && entities.isSuccess && urls.length === 0 && <p className="muted">There are no entities of type {entityType}.</p>}
    </div>
  );
}
