import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { updateIdentityGroups } from "../../api/identities";
import type { Identity } from "../../api/types";
import { invalidateAreas } from "../../app/queryKeys";
import { useGroups } from "../../app/queries";
import { Dialog } from "../../components/Dialog";
import { GroupSelection } from "../../components/GroupSelection";
import { PanelForm } from "../../components/Form";
import { useSubmission } from "../../components/useSubmission";

/** The groups of one identity; saved with one `PUT` carrying the whole new list. */
export function EditIdentityPanel({ identity, onClose, onSaved }: { identity: Identity; onClose: () => void; onSaved: (name: string) => void }) {
  const client = useQueryClient();
  const initial = identity.groups ?? [];
  const [groups, setGroups] = useState<string[]>(initial);
  const { submitting, error, run } = useSubmission();
  const groupsQuery = useGroups();
  const label = `Edit identity ${identity.name}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await updateIdentityGroups(identity, groups);
      await invalidateAreas(client, ["identities", "groups"]);
      onSaved(identity.name);
    });
  };

  return (
    <Dialog variant="panel" label={label} onEscape={onClose}>
      <PanelForm
        heading={label}
        onSubmit={submit}
        errorTitle="Identity update failed"
        error={error}
        backLabel="Cancel"
        onBack={onClose}
        submitLabel="Save changes"
        submitDisabled={submitting}
      >
        <dl className="details">
          <dt>Name</dt>
          <dd>{identity.name}</dd>
          <dt>ID</dt>
          <dd className="monospace">{identity.id}</dd>
          <dt>Auth method</dt>
          <dd>
            {identity.authentication_method.toUpperCase()} - {identity.type}
          </dd>
        </dl>
        <fieldset className="fieldset">
          <legend>Auth groups</legend>
          <GroupSelection groups={groupsQuery.data} isLoading={groupsQuery.isPending} error={groupsQuery.error} selected={groups} initial={initial} onChange={setGroups} />
        </fieldset>
      </PanelForm>
    </Dialog>
  );
}
