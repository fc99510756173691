import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { deleteGroup } from "../../api/groups";
import type { AuthGroup } from "../../api/types";
import { invalidateAreas } from "../../app/queryKeys";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useSubmission } from "../../components/useSubmission";

export const DELETE_GROUP_CONFIRMATION = "confirm-delete-group";

/** Deleting a group can lock everyone out, so the user types a fixed phrase first. */
export function DeleteGroupDialog({ group, onClose, onDeleted }: { group: AuthGroup; onClose: () => void; onDeleted: (name: string) => void }) {
  const client = useQueryClient();
  const inputId = useId();
  const [typed, setTyped] = useState("");
  const { submitting, error, run } = useSubmission();

  const confirm = () =>
    run(async () => {
      await deleteGroup(group.name);
      await invalidateAreas(client, ["groups", "identities"]);
      onDeleted(group.name);
    });

  return (
    <ConfirmDialog
      heading="Confirm group deletion"
      errorTitle="Group deletion failed"
      error={error}
      confirmLabel="Delete group"
      confirmDisabled={typed !== DELETE_GROUP_CONFIRMATION || submitting}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>
        This will permanently delete the group <strong>{group.name}</strong>. This action cannot be undone and may result in users losing access
        to jxd, including the possibility that all users lose admin access.
      </p>
      <div className="field">
        <label htmlFor={inputId}>Type {DELETE_GROUP_CONFIRMATION} to confirm</label>
        <input id={inputId} value={typed} autoComplete="off" onChange={(event) => setTyped(event.target.value)} />
      </div>
    </ConfirmDialog>
  );
}
