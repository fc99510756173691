import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { deleteIdentity } from "../../api/identities";
import type { Identity } from "../../api/types";
import { invalidateAreas } from "../../app/queryKeys";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/States";

export function DeleteIdentityDialog({ identity, isSelf, onClose, onDeleted }: { identity: Identity; isSelf: boolean; onClose: () => void; onDeleted: (name: string) => void }) {
  const client = useQueryClient();
  const headingId = useId();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const confirm = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await deleteIdentity(identity);
      await invalidateAreas(client, ["identities", "cluster-links", "groups"]);
      onDeleted(identity.name);
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <Dialog variant="modal" labelledBy={headingId} onEscape={onClose}>
      <header className="dialog-header">
        <h2 id={headingId}>Confirm delete</h2>
      </header>
      <div className="dialog-body">
        {error !== undefined && <ErrorAlert title="Identity deletion failed" error={error} />}
        <p>
          This will permanently delete identity <strong>{identity.name}</strong>. This action cannot be undone, and can result in data loss.
        </p>
        {identity.type.startsWith("Cluster link certificate") && (
          <p>The cluster link that uses this identity stops working, and a bidirectional link on this side is deleted with it.</p>
        )}
        {isSelf && <p className="alert alert-caution">This is your own identity: you will lose access to this server.</p>}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-negative" disabled={submitting} onClick={confirm}>
          Delete
        </button>
      </footer>
    </Dialog>
  );
}
