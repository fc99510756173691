import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { clusterLinkExists, createClusterLink, createLinkRequest, needsToken, type CreateLinkForm, type LinkType, type TokenSetup } from "../../api/clusterLinks";
import { encodeToken } from "../../api/token";
import { invalidateAreas } from "../../app/queryKeys";
import { useGroups } from "../../app/queries";
import { Dialog } from "../../components/Dialog";
import { GroupSelection } from "../../components/GroupSelection";
import { ChoiceStep, PanelForm, ValidatedField } from "../../components/Form";
import { useFocusOnChange } from "../../components/useFocusOnChange";
import { useSubmission } from "../../components/useSubmission";

const NAME_CHECK_DELAY_MILLIS = 500;

export type NameCheck = (name: string, signal: AbortSignal) => Promise<boolean>;

/**
 * Whether `name` is taken, checked with a debounced `GET /1.0/cluster/links/<name>` while the user types.
 * Undefined while unknown (empty, waiting, or the check failed to run).
 */
export function useNameTaken(name: string, check: NameCheck = (candidate, signal) => clusterLinkExists(candidate, signal)): boolean | undefined {
  const [results, setResults] = useState<ReadonlyMap<string, boolean>>(new Map());
  const checkReference = useRef(check);
  checkReference.current = check;
  const trimmed = name.trim();

  useEffect(() => {
    if (trimmed === "" || results.has(trimmed)) {
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      checkReference.current(trimmed, controller.signal).then(
        (taken) => setResults((current) => new Map(current).set(trimmed, taken)),
        () => {
          // Aborted or unreachable: the server still refuses a duplicate on submit
        },
      );
    }, NAME_CHECK_DELAY_MILLIS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [trimmed, results]);

  return trimmed === "" ? undefined : results.get(trimmed);
}

export interface FormErrors {
  name?: string;
  token?: string;
}

export function validateCreateLink(form: CreateLinkForm, nameTaken: boolean | undefined): FormErrors {
  const errors: FormErrors = {};
  if (form.name.trim() === "") {
    errors.name = "Link name is required";
  } else if (nameTaken === true) {
    errors.name = "A cluster link with this name already exists";
  }
  if (needsToken(form) && form.token.trim() === "") {
    errors.token = "Token is required";
  }
  return errors;
}

interface CreateClusterLinkPanelProps {
  onClose: () => void;
  /** A pending bidirectional link was created; the token goes to the other cluster. */
  onTokenGenerated: (name: string, token: string) => void;
  onCreated: (name: string) => void;
  nameCheck?: NameCheck;
}

/** Two steps: choose bidirectional or unidirectional, then the details; see the request bodies in `createLinkRequest`. */
export function CreateClusterLinkPanel({ onClose, onTokenGenerated, onCreated, nameCheck }: CreateClusterLinkPanelProps) {
  const client = useQueryClient();
  const [step, setStep] = useState<1 | 2>(1);
  const [type, setType] = useState<LinkType>("bidirectional");
  const [tokenSetup, setTokenSetup] = useState<TokenSetup>("generate");
  const [token, setToken] = useState("");
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [authGroups, setAuthGroups] = useState<string[]>([]);
  const [touched, setTouched] = useState<{ name?: boolean; token?: boolean }>({});
  const [submitAttempted, setSubmitAttempted] = useState(false);
  const { submitting, error, run } = useSubmission();
  const groups = useGroups(step === 2 && type === "bidirectional");
  const nameTaken = useNameTaken(name, nameCheck);

  const ids = { setup: useId(), description: useId() };
  const form: CreateLinkForm = { type, tokenSetup, token, name, description, authGroups };
  const errors = validateCreateLink(form, nameTaken);
  const tokenEnabled = needsToken(form);
  const showNameError = errors.name !== undefined && (touched.name || submitAttempted || nameTaken === true);
  const showTokenError = errors.token !== undefined && (touched.token || submitAttempted);

  // The step's content replaces the focused control, so move focus into the new step
  const stepContainer = useFocusOnChange(step, "button, select, input:not([disabled])");

  const choose = (chosen: LinkType) => {
    setType(chosen);
    setStep(2);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitAttempted(true);
    if (errors.name !== undefined || errors.token !== undefined || submitting) {
      return;
    }
    const request = createLinkRequest(form);
    await run(
      async () => {
        const metadata = await createClusterLink(request);
        void invalidateAreas(client, ["cluster-links", "identities"]);
        if (request.type === "bidirectional" && request.trust_token === undefined && metadata) {
          onTokenGenerated(request.name, encodeToken(metadata));
        } else {
          onCreated(request.name);
        }
      },
      () => void invalidateAreas(client, ["cluster-links", "identities"]),
    );
  };

  return (
    <Dialog variant="panel" label="Create cluster link" onEscape={onClose}>
      {step === 1 ? (
        <ChoiceStep
          heading="Create cluster link"
          prompt="Choose cluster link type"
          bodyRef={stepContainer}
          onCancel={onClose}
          choices={[
            {
              label: "Bidirectional",
              description: "Connect two clusters with access in both directions. Required for replication.",
              onChoose: () => choose("bidirectional"),
            },
            {
              label: "Unidirectional",
              description: "Access another cluster, for example to fetch images, without granting access in return.",
              onChoose: () => choose("unidirectional"),
            },
          ]}
        />
      ) : (
        <PanelForm
          heading="Create cluster link"
          onSubmit={submit}
          noValidate
          errorTitle="Cluster link creation failed"
          error={error}
          bodyRef={stepContainer}
          backLabel="Back"
          onBack={() => setStep(1)}
          submitLabel="Create link"
          submitDisabled={submitting || nameTaken === true}
        >
          <p>
            Cluster link type: <strong>{type}</strong>
          </p>
          {type === "bidirectional" && (
            <div className="field">
              <label htmlFor={ids.setup}>Token setup</label>
              <select
                id={ids.setup}
                value={tokenSetup}
                onChange={(event) => {
                  const value = event.target.value as TokenSetup;
                  setTokenSetup(value);
                  if (value === "generate") {
                    setToken("");
                  }
                }}
              >
                <option value="generate">Generate a token for the target cluster</option>
                <option value="consume">I have a token</option>
              </select>
            </div>
          )}
          <ValidatedField
            label="Token"
            value={token}
            disabled={!tokenEnabled}
            placeholder={tokenEnabled ? "Enter token (e.g. eyJhbGciOiJIUzI1Ni...)" : undefined}
            error={showTokenError ? errors.token : undefined}
            help={
              !tokenEnabled
                ? "Token will be generated."
                : type === "unidirectional"
                  ? "Paste the token you have generated on the target cluster: there, open Permissions > Identities > Create identity and choose Cluster link certificate."
                  : "Paste the token you have generated on the target cluster: there, create a bidirectional cluster link and generate a token."
            }
            onChange={(event) => setToken(event.target.value)}
            onBlur={() => setTouched((current) => ({ ...current, token: true }))}
          />
          <ValidatedField
            label="Cluster link name"
            value={name}
            placeholder="Enter name"
            error={showNameError ? errors.name : undefined}
            onChange={(event) => setName(event.target.value)}
            onBlur={() => setTouched((current) => ({ ...current, name: true }))}
          />
          <div className="field">
            <label htmlFor={ids.description}>Description</label>
            <input id={ids.description} value={description} placeholder="Enter description" onChange={(event) => setDescription(event.target.value)} />
          </div>
          {type === "bidirectional" && (
            <fieldset className="fieldset">
              <legend>Auth groups</legend>
              <p className="help">Control access for incoming requests through this cluster link.</p>
              <GroupSelection groups={groups.data} isLoading={groups.isPending} error={groups.error} selected={authGroups} onChange={setAuthGroups} />
            </fieldset>
          )}
        </PanelForm>
      )}
    </Dialog>
  );
}
