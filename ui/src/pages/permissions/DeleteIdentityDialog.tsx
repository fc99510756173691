import { useQueryClient } from "@tanstack/react-query";
import { deleteIdentity } from "../../api/identities";
import type { Identity } from "../../api/types";
import { invalidateAreas } from "../../app/queryKeys";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useSubmission } from "../../components/useSubmission";

export function DeleteIdentityDialog({ identity, isSelf, onClose, onDeleted }: { identity: Identity; isSelf: boolean; onClose: () => void; onDeleted: (name: string) => void }) {
  const client = useQueryClient();
  const { submitting, error, run } = useSubmission();

  const confirm = () =>
    run(async () => {
      await deleteIdentity(identity);
      await invalidateAreas(client, ["identities", "cluster-links", "groups"]);
      onDeleted(identity.name);
    });

  return (
    <ConfirmDialog
      heading="Confirm delete"
      errorTitle="Identity deletion failed"
      error={error}
      confirmLabel="Delete"
      confirmDisabled={submitting}
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>
        This will permanently delete identity <strong>{identity.name}</strong>. This action cannot be undone, and can result in data loss.
      </p>
      {identity.type.startsWith("Cluster link certificate") && (
        <p>The cluster link that uses this identity stops working, and a bidirectional link on this side is deleted with it.</p>
      )}
      {isSelf && <p className="alert alert-caution">This is your own identity: you will lose access to this server.</p>}
    </ConfirmDialog>
  );
}
