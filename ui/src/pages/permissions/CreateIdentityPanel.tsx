import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { createClusterLinkIdentity } from "../../api/clusterLinks";
import { createTlsIdentityToken } from "../../api/identities";
import { encodeToken } from "../../api/token";
import { invalidateAreas } from "../../app/queryKeys";
import { useGroups } from "../../app/queries";
import { Dialog } from "../../components/Dialog";
import { GroupSelection } from "../../components/GroupSelection";
import { ErrorAlert } from "../../components/States";

export type IdentityKind = "client" | "cluster-link";

export const CLUSTER_LINK_IDENTITY_FAILED = "Failed to create cluster link identity";

/**
 * Creates a pending identity and returns its token: a TLS client through `/1.0/auth/identities/tls`, and the target
 * side of a unidirectional cluster link through `POST /1.0/cluster/links` (LXD has no other way to make that type).
 */
export async function createPendingIdentity(kind: IdentityKind, name: string, groups: string[]): Promise<string> {
  const metadata = kind === "client" ? await createTlsIdentityToken(name, groups) : await createClusterLinkIdentity(name, groups);
  if (!metadata) {
    throw new Error(kind === "client" ? "The server returned no token" : CLUSTER_LINK_IDENTITY_FAILED);
  }
  return encodeToken(metadata);
}

interface CreateIdentityPanelProps {
  existingNames: readonly string[];
  onClose: () => void;
  onCreated: (kind: IdentityKind, name: string, token: string) => void;
}

export function CreateIdentityPanel({ existingNames, onClose, onCreated }: CreateIdentityPanelProps) {
  const client = useQueryClient();
  const ids = { name: useId(), nameError: useId(), client: useId(), link: useId() };
  const [kind, setKind] = useState<IdentityKind | undefined>(undefined);
  const [name, setName] = useState("");
  const [groups, setGroups] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const groupsQuery = useGroups(kind !== undefined);
  const trimmed = name.trim();
  const nameError = trimmed === "" ? "Identity name is required" : existingNames.includes(trimmed) ? "An identity with this name already exists" : undefined;

  const stepContainer = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepContainer.current?.querySelector<HTMLElement>("button, input")?.focus();
  }, [kind]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!kind || nameError !== undefined || submitting) {
      return;
    }
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      const token = await createPendingIdentity(kind, trimmed, groups);
      void invalidateAreas(client, ["identities", "cluster-links"]);
      onCreated(kind, trimmed, token);
    } catch (error) {
      void invalidateAreas(client, ["identities"]);
      setSubmitError(error);
      setSubmitting(false);
    }
  };

  return (
    <Dialog variant="panel" label="Create identity" onEscape={onClose}>
      {kind === undefined ? (
        <>
          <header className="dialog-header">
            <h2>Create identity</h2>
            <p className="muted">Choose an identity type</p>
          </header>
          <div className="dialog-body choice-list" ref={stepContainer}>
            <button type="button" className="choice" aria-describedby={ids.client} onClick={() => setKind("client")}>
              Client certificate
            </button>
            <p id={ids.client} className="muted">
              A certificate-based identity for long-lived client authentication, redeemed with a trust token.
            </p>
            <button type="button" className="choice" aria-describedby={ids.link} onClick={() => setKind("cluster-link")}>
              Cluster link certificate
            </button>
            <p id={ids.link} className="muted">
              Allows another cluster to establish a unidirectional cluster link to this cluster.
            </p>
          </div>
          <footer className="dialog-footer">
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
          </footer>
        </>
      ) : (
        <form className="panel-form" onSubmit={submit} noValidate>
          <header className="dialog-header">
            <h2>Create identity</h2>
            <p className="muted">{kind === "client" ? "Client certificate" : "Cluster link certificate"}</p>
          </header>
          <div className="dialog-body" ref={stepContainer}>
            {submitError !== undefined && <ErrorAlert title="Identity creation failed" error={submitError} />}
            <div className="field">
              <label htmlFor={ids.name}>Name</label>
              <input
                id={ids.name}
                value={name}
                aria-invalid={touched && nameError !== undefined}
                aria-describedby={touched && nameError !== undefined ? ids.nameError : undefined}
                onChange={(event) => setName(event.target.value)}
                onBlur={() => setTouched(true)}
              />
              {touched && nameError !== undefined && (
                <p id={ids.nameError} className="field-error">
                  {nameError}
                </p>
              )}
            </div>
            <fieldset className="fieldset">
              <legend>Auth groups</legend>
              <GroupSelection groups={groupsQuery.data} isLoading={groupsQuery.isPending} error={groupsQuery.error} selected={groups} onChange={setGroups} />
            </fieldset>
          </div>
          <footer className="dialog-footer">
            <button type="button" className="button" onClick={() => setKind(undefined)}>
              Back
            </button>
            <button type="submit" className="button button-positive" disabled={submitting}>
              Create identity
            </button>
          </footer>
        </form>
      )}
    </Dialog>
  );
}
