import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { deleteClusterLink } from "../../api/clusterLinks";
import type { ClusterLink } from "../../api/types";
import { Dialog } from "../../components/Dialog";
import { ErrorAlert } from "../../components/States";

const isLinkQuery = (key: readonly unknown[], name: string) => (key[0] === "cluster-link" || key[0] === "cluster-link-state") && key[1] === name;
const isAffected = (key: readonly unknown[]) => ["cluster-links", "cluster-link", "cluster-link-state", "identities", "current-identity"].includes(String(key[0]));

interface DeleteClusterLinkDialogProps {
  link: ClusterLink;
  onClose: () => void;
  onDeleted: (name: string) => void;
}

/** Confirms a delete; a link that replicators use cannot be deleted, so the dialog lists them instead. */
export function DeleteClusterLinkDialog({ link, onClose, onDeleted }: DeleteClusterLinkDialogProps) {
  const client = useQueryClient();
  const headingId = useId();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const usedBy = link.used_by ?? [];
  const inUse = usedBy.length > 0;

  const confirm = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await deleteClusterLink(link.name);
      // Drop the link from the cached lists and forget its own queries rather than refetching them: a row or detail
      // page still showing it would otherwise ask for it again and get an error before it goes away
      client.setQueriesData<ClusterLink[]>({ queryKey: ["cluster-links"] }, (links) => links?.filter((entry) => entry.name !== link.name));
      client.removeQueries({ predicate: (query) => isLinkQuery(query.queryKey, link.name) });
      onDeleted(link.name);
      await client.invalidateQueries({ predicate: (query) => !isLinkQuery(query.queryKey, link.name) && isAffected(query.queryKey) });
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <Dialog variant="modal" labelledBy={headingId} onEscape={onClose}>
      <header className="dialog-header">
        <h2 id={headingId}>{inUse ? "Cannot delete cluster link" : "Confirm delete"}</h2>
      </header>
      <div className="dialog-body">
        {error !== undefined && <ErrorAlert title="Cluster link deletion failed" error={error} />}
        {inUse ? (
          <>
            <p>
              Cluster link <strong>{link.name}</strong> cannot be deleted: it is used by:
            </p>
            <ul className="used-by">
              {usedBy.map((url) => (
                <li key={url}>
                  <code>{url}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            This will permanently delete cluster link <strong>{link.name}</strong>.
            {link.type === "bidirectional" && " The other cluster keeps its side of the link until it is deleted there."}
          </p>
        )}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-negative" disabled={inUse || submitting} onClick={confirm}>
          Delete cluster link
        </button>
      </footer>
    </Dialog>
  );
}
