import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { patchServerConfig } from "../../api/server";
import { useAccess, useAppData } from "../../app/AppData";
import { useNotify } from "../../app/Notifications";
import { invalidateAreas } from "../../app/queryKeys";
import { canEditServer } from "../../auth/access";
import { ActionButton } from "../../components/Button";
import { ErrorAlert } from "../../components/States";
import { DataTable } from "../../components/Table";
import { useSubmission } from "../../components/useSubmission";
import { usePageTitle } from "../usePageTitle";

/** Keys always listed, with the daemon's defaults (daemon/.../server/ServerConfigKeys.java) and what they do. */
export const KNOWN_KEYS: ReadonlyArray<{ key: string; defaultValue: string; description: string }> = [
  { key: "core.https_address", defaultValue: "", description: "Address to listen on for the REST API (host:port)." },
  { key: "core.remote_token_expiry", defaultValue: "15d", description: "How long client trust tokens stay valid." },
  { key: "core.cluster_link_token_expiry", defaultValue: "1H", description: "How long cluster link trust tokens stay valid." },
  { key: "core.cluster_link_health_interval", defaultValue: "30", description: "Seconds between two health probes of every linked member." },
  { key: "core.trust_failure_limit", defaultValue: "10", description: "Failed token redemptions allowed per client address before it is locked out." },
];

export const EDIT_SERVER_DENIED = "You do not have permission to edit the server configuration";

export function configRows(config: Record<string, unknown>): Array<{ key: string; value: string | undefined; defaultValue: string | undefined; description: string | undefined }> {
  const known = KNOWN_KEYS.map((entry) => ({ key: entry.key, value: stringValue(config[entry.key]), defaultValue: entry.defaultValue, description: entry.description }));
  const others = Object.keys(config)
    .filter((key) => !KNOWN_KEYS.some((entry) => entry.key === key))
    .sort()
    .map((key) => ({ key, value: stringValue(config[key]), defaultValue: undefined, description: undefined }));
  return [...known, ...others];
}

function stringValue(value: unknown): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}

function EditRow({ configKey, initial, onDone }: { configKey: string; initial: string; onDone: (saved: boolean) => void }) {
  const client = useQueryClient();
  const inputId = useId();
  const errorId = useId();
  const [value, setValue] = useState(initial);
  const { submitting: saving, error, run } = useSubmission();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await patchServerConfig({ [configKey]: value });
      await invalidateAreas(client, ["server"]);
      onDone(true);
    });
  };

  return (
    <tr className="editing">
      <th scope="row">
        <label htmlFor={inputId}>{configKey}</label>
      </th>
      <td colSpan={2}>
        <form className="inline-form" onSubmit={save} onKeyDown={(event) => event.key === "Escape" && onDone(false)}>
          <input
            id={inputId}
            value={value}
            autoFocus
            aria-invalid={error !== undefined}
            aria-describedby={error !== undefined ? errorId : undefined}
            onChange={(event) => setValue(event.target.value)}
          />
          <button type="submit" className="button button-positive" disabled={saving}>
            Save
          </button>
          <button type="button" className="button" onClick={() => onDone(false)}>
            Cancel
          </button>
          {error !== undefined && (
            <div id={errorId} className="field-error-block">
              <ErrorAlert error={error} />
            </div>
          )}
        </form>
      </td>
    </tr>
  );
}

/** Server configuration (`GET /1.0` config), edited one key at a time with `PATCH /1.0`. */
export function SettingsPage() {
  usePageTitle("Settings");
  const { server } = useAppData();
  const access = useAccess();
  const notify = useNotify();
  const [editing, setEditing] = useState<string | undefined>(undefined);
  const denied = canEditServer(access) ? undefined : EDIT_SERVER_DENIED;
  const rows = configRows(server.config ?? {});

  return (
    <>
      <h1>Settings</h1>
      <p>Server configuration. An empty value resets a key to its default.</p>
      <DataTable label="Server configuration" columns={["Key", "Value", "Actions"]}>
        {rows.map((row) =>
          editing === row.key ? (
            <EditRow
              key={row.key}
              configKey={row.key}
              initial={row.value ?? ""}
              onDone={(saved) => {
                setEditing(undefined);
                if (saved) {
                  notify(`Setting ${row.key} updated.`);
                }
              }}
            />
          ) : (
            <tr key={row.key}>
              <th scope="row">
                <span className="monospace">{row.key}</span>
                {row.description && <span className="help">{row.description}</span>}
              </th>
              <td>
                {row.value !== undefined && row.value !== "" ? (
                  <span className="monospace">{row.value}</span>
                ) : (
                  <span className="muted">{row.defaultValue ? `Default (${row.defaultValue})` : "Not set"}</span>
                )}
              </td>
              <td className="actions">
                <ActionButton aria-label={`Edit ${row.key}`} deniedReason={denied} onClick={() => setEditing(row.key)}>
                  Edit
                </ActionButton>
              </td>
            </tr>
          ),
        )}
      </DataTable>
      {server.config === undefined && <ErrorAlert>The server did not report its configuration.</ErrorAlert>}
    </>
  );
}
