import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { updateClusterLink } from "../../api/clusterLinks";
import { updateIdentityGroups } from "../../api/identities";
import type { ClusterLink, Identity } from "../../api/types";
import { invalidateAreas } from "../../app/queryKeys";
import { useGroups } from "../../app/queries";
import { Dialog } from "../../components/Dialog";
import { GroupSelection } from "../../components/GroupSelection";
import { PanelForm } from "../../components/Form";
import { useSubmission } from "../../components/useSubmission";

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
  const { submitting, error, setError, run } = useSubmission();
  const groupsQuery = useGroups(bidirectional);
  const descriptionId = useId();
  const label = `Edit cluster link ${link.name}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) {
      return;
    }
    if (bidirectional && !identity) {
      setError(new Error("Identity not found"));
      return;
    }
    await run(async () => {
      if (description !== link.description) {
        await updateClusterLink(link, description);
      }
      if (bidirectional && identity && !sameMembers(groups, initialGroups)) {
        await updateIdentityGroups(identity, groups);
      }
      await invalidateAreas(client, ["cluster-links", "identities"]);
      onSaved(link.name);
    });
  };

  return (
    <Dialog variant="panel" label={label} onEscape={onClose}>
      <PanelForm
        heading={label}
        onSubmit={submit}
        errorTitle="Cluster link update failed"
        error={error}
        backLabel="Cancel"
        onBack={onClose}
        submitLabel="Save changes"
        submitDisabled={submitting}
      >
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
      </PanelForm>
    </Dialog>
  );
}
