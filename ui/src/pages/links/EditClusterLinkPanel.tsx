import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { updateClusterLink } from "../../api/clusterLinks";
import { updateIdentityGroups } from "../../api/identities";
import type { ClusterLink, Identity } from "../../api/types";
import { invalidateAreas } from "../../app/queryKeys";
import { useGroups } from "../../app/queries";
import { Dialog } from "../../components/Dialog";
import { GroupSelection } from "../../components/GroupSelection";
import { ErrorAlert } from "../../components/States";

interface EditClusterLinkPanelProps {
  link: ClusterLink;
  /** The link's own identity (bidirectional links), whose groups govern what the other cluster may do here. */
  identity: Identity | undefined;
  onClose: () => void;
  onSaved: (name: string) => void;
}

function sameMembers(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((entry) => right.includes(entry));
}

/** Description, and for bidirectional links the auth groups of the link's identity. */
export function EditClusterLinkPanel({ link, identity, onClose, onSaved }: EditClusterLinkPanelProps) {
  const client = useQueryClient();
  const bidirectional = link.type === "bidirectional";
  const initialGroups = identity?.groups ?? [];
  const [description, setDescription] = useState(link.description);
  const [groups, setGroups] = useState<string[]>(initialGroups);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const groupsQuery = useGroups(bidirectional);
  const descriptionId = useId();
  const label = `Edit cluster link ${link.name}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) {
      return;
    }
    if (bidirectional && !identity) {
      setSubmitError(new Error("Identity not found"));
      return;
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      if (description !== link.description) {
        await updateClusterLink(link, description);
      }
      if (bidirectional && identity && !sameMembers(groups, initialGroups)) {
        await updateIdentityGroups(identity, groups);
      }
      await invalidateAreas(client, ["cluster-links", "identities"]);
      onSaved(link.name);
    } catch (error) {
      setSubmitError(error);
      setSubmitting(false);
    }
  };

  return (
    <Dialog variant="panel" label={label} onEscape={onClose}>
      <form className="panel-form" onSubmit={submit}>
        <header className="dialog-header">
          <h2>{label}</h2>
        </header>
        <div className="dialog-body">
          {submitError !== undefined && <ErrorAlert title="Cluster link update failed" error={submitError} />}
          <div className="field">
            <label htmlFor={descriptionId}>Description</label>
            <input id={descriptionId} value={description} placeholder="Enter description" onChange={(event) => setDescription(event.target.value)} />
          </div>
          {bidirectional && (
            <fieldset className="fieldset">
              <legend>Auth groups</legend>
              <p className="help">Control access for incoming requests through this cluster link.</p>
              <GroupSelection
                groups={groupsQuery.data}
                isLoading={groupsQuery.isPending}
                error={groupsQuery.error}
                selected={groups}
                initial={initialGroups}
                onChange={setGroups}
              />
            </fieldset>
          )}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-positive" disabled={submitting}>
            Save changes
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
