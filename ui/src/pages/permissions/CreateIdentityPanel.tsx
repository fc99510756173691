import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { createClusterLinkIdentity } from "../../api/clusterLinks";
import { createTlsIdentityToken } from "../../api/identities";
import { encodeToken } from "../../api/token";
import { invalidateAreas } from "../../app/queryKeys";
import { useGroups } from "../../app/queries";
import { Dialog } from "../../components/Dialog";
import { GroupSelection } from "../../components/GroupSelection";
import { ChoiceStep, PanelForm, ValidatedField } from "../../components/Form";
import { useFocusOnChange } from "../../components/useFocusOnChange";
import { useSubmission } from "../../components/useSubmission";

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
  const [kind, setKind] = useState<IdentityKind | undefined>(undefined);
  const [name, setName] = useState("");
  const [groups, setGroups] = useState<string[]>([]);
  const [touched, setTouched] = useState(false);
  const { submitting, error, run } = useSubmission();
  const groupsQuery = useGroups(kind !== undefined);
  const trimmed = name.trim();
  const nameError = trimmed === "" ? "Identity name is required" : existingNames.includes(trimmed) ? "An identity with this name already exists" : undefined;

  const stepContainer = useFocusOnChange(kind, "button, input");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!kind || nameError !== undefined || submitting) {
      return;
    }
    await run(
      async () => {
        const token = await createPendingIdentity(kind, trimmed, groups);
        void invalidateAreas(client, ["identities", "cluster-links"]);
        onCreated(kind, trimmed, token);
      },
      () => void invalidateAreas(client, ["identities"]),
    );
  };

  return (
    <Dialog variant="panel" label="Create identity" onEscape={onClose}>
      {kind === undefined ? (
        <ChoiceStep
          heading="Create identity"
          prompt="Choose an identity type"
          bodyRef={stepContainer}
          onCancel={onClose}
          choices={[
            {
              label: "Client certificate",
              description: "A certificate-based identity for long-lived client authentication, redeemed with a trust token.",
              onChoose: () => setKind("client"),
            },
            {
              label: "Cluster link certificate",
              description: "Allows another cluster to establish a unidirectional cluster link to this cluster.",
              onChoose: () => setKind("cluster-link"),
            },
          ]}
        />
      ) : (
        <PanelForm
          heading="Create identity"
          subtitle={kind === "client" ? "Client certificate" : "Cluster link certificate"}
          onSubmit={submit}
          noValidate
          errorTitle="Identity creation failed"
          error={error}
          bodyRef={stepContainer}
          backLabel="Back"
          onBack={() => setKind(undefined)}
          submitLabel="Create identity"
          submitDisabled={submitting}
        >
          <ValidatedField label="Name" value={name} error={touched ? nameError : undefined} onChange={(event) => setName(event.target.value)} onBlur={() => setTouched(true)} />
          <fieldset className="fieldset">
            <legend>Auth groups</legend>
            <GroupSelection groups={groupsQuery.data} isLoading={groupsQuery.isPending} error={groupsQuery.error} selected={groups} onChange={setGroups} />
          </fieldset>
        </PanelForm>
      )}
    </Dialog>
  );
}
