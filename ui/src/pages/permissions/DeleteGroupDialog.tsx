import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { deleteGroup } from "../../api/groups";
import type { AuthGroup } from "../../api/types";
import { invalidateAreas } from "../../app/queryKeys";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/States";

export const DELETE_GROUP_CONFIRMATION = "confirm-delete-group";

/** Deleting a group can lock everyone out, so the user types a fixed phrase first. */
export function DeleteGroupDialog({ group, onClose, onDeleted }: { group: AuthGroup; onClose: () => void; onDeleted: (name: string) => void }) {
  const client = useQueryClient();
  const headingId = useId();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const confirm = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await deleteGroup(group.name);
      await invalidateAreas(client, ["groups", "identities"]);
      onDeleted(group.name);
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <Dialog variant="modal" labelledBy={headingId} onEscape={onClose}>
      <header className="dialog-header">
        <h2 id={headingId}>Confirm group deletion</h2>
      </header>
      <div className="dialog-body">
        {error !== undefined && <ErrorAlert title="Group deletion failed" error={error} />}
        <p>
          This will permanently delete the group <strong>{group.name}</strong>. This action cannot be undone and may result in users losing access
          to jxd, including the possibility that all users lose admin access.
        </p>
        <div className="field">
          <label htmlFor={inputId}>Type {DELETE_GROUP_CONFIRMATION} to confirm</label>
          <input id={inputId} value={typed} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
        </div>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-negative" disabled={typed !== DELETE_GROUP_CONFIRMATION || submitting} onClick={confirm}>
          Delete group
        </button>
      </footer>
    </Dialog>
  );
}
