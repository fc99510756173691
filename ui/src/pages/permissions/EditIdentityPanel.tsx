import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { updateIdentityGroups } from "../../api/identities";
import type { Identity } from "../../api/types";
import { invalidateAreas } from "../../app/queryKeys";
import { useGroups } from "../../app/queries";
import { Dialog } from "../../components/Dialog";
import { GroupSelection } from "../../components/GroupSelection";
import { ErrorAlert } from "../../components/States";

/** The groups of one identity; saved with one `PUT` carrying the whole new list. */
export function EditIdentityPanel({ identity, onClose, onSaved }: { identity: Identity; onClose: () => void; onSaved: (name: string) => void }) {
  const client = useQueryClient();
  const initial = identity.groups ?? [];
  const [groups, setGroups] = useState<string[]>(initial);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const groupsQuery = useGroups();
  const label = `Edit identity ${identity.name}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      await updateIdentityGroups(identity, groups);
      await invalidateAreas(client, ["identities", "groups"]);
      onSaved(identity.name);
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
          {submitError !== undefined && <ErrorAlert title="Identity update failed" error={submitError} />}
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
