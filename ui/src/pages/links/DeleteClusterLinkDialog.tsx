import { useQueryClient } from "@tanstack/react-query";
import { deleteClusterLink } from "../../api/clusterLinks";
import type { ClusterLink } from "../../api/types";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useSubmission } from "../../components/useSubmission";

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
  const { submitting, error, run } = useSubmission();
  const usedBy = link.used_by ?? [];
  const inUse = usedBy.length > 0;

  const confirm = () =>
    run(async () => {
      await deleteClusterLink(link.name);
      // Drop the link from the cached lists and forget its own queries rather than refetching them: a row or detail
      // page still showing it would otherwise ask for it again and get an error before it goes away
      client.setQueriesData<ClusterLink[]>({ queryKey: ["cluster-links"] }, (links) => links?.filter((entry) => entry.name !== link.name));
      client.removeQueries({ predicate: (query) => isLinkQuery(query.queryKey, link.name) });
      onDeleted(link.name);
      await client.invalidateQueries({ predicate: (query) => !isLinkQuery(query.queryKey, link.name) && isAffected(query.queryKey) });
    });

  return (
    <ConfirmDialog
      heading={inUse ? "Cannot delete cluster link" : "Confirm delete"}
      errorTitle="Cluster link deletion failed"
      error={error}
      confirmLabel="Delete cluster link"
      confirmDisabled={inUse || submitting}
      onConfirm={confirm}
      onClose={onClose}
    >
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
    </ConfirmDialog>
  );
}
