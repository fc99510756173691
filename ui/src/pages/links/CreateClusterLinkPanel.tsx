import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { clusterLinkExists, createClusterLink, createLinkRequest, needsToken, type CreateLinkForm, type LinkType, type TokenSetup } from "../../api/clusterLinks";
import { encodeToken } from "../../api/token";
import { invalidateAreas } from "../../app/queryKeys";
import { useGroups } from "../../app/queries";
import { Dialog } from "../../components/Dialog";
import { GroupSelection } from "../../components/GroupSelection";
import { ErrorAlert } from "../../components/States";

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
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const groups = useGroups(step === 2 && type === "bidirectional");
  const nameTaken = useNameTaken(name, nameCheck);

  const ids = { setup: useId(), token: useId(), tokenHelp: useId(), name: useId(), nameError: useId(), description: useId(), tokenError: useId() };
  const form: CreateLinkForm = { type, tokenSetup, token, name, description, authGroups };
  const errors = validateCreateLink(form, nameTaken);
  const tokenEnabled = needsToken(form);
  const showNameError = errors.name !== undefined && (touched.name || submitAttempted || nameTaken === true);
  const showTokenError = errors.token !== undefined && (touched.token || submitAttempted);

  // The step's content replaces the focused control, so move focus into the new step
  const stepContainer = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepContainer.current?.querySelector<HTMLElement>("button, select, input:not([disabled])")?.focus();
  }, [step]);

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
    setSubmitting(true);
    setSubmitError(undefined);
    const request = createLinkRequest(form);
    try {
      const metadata = await createClusterLink(request);
      void invalidateAreas(client, ["cluster-links", "identities"]);
      if (request.type === "bidirectional" && request.trust_token === undefined && metadata) {
        onTokenGenerated(request.name, encodeToken(metadata));
      } else {
        onCreated(request.name);
      }
    } catch (error) {
      void invalidateAreas(client, ["cluster-links", "identities"]);
      setSubmitError(error);
      setSubmitting(false);
    }
  };

  return (
    <Dialog variant="panel" label="Create cluster link" onEscape={onClose}>
      {step === 1 ? (
        <>
          <header className="dialog-header">
            <h2>Create cluster link</h2>
            <p className="muted">Choose cluster link type</p>
          </header>
          <div className="dialog-body choice-list" ref={stepContainer}>
            <button type="button" className="choice" onClick={() => choose("bidirectional")} aria-describedby={`${ids.setup}-bi`}>
              Bidirectional
            </button>
            <p id={`${ids.setup}-bi`} className="muted">
              Connect two clusters with access in both directions. Required for replication.
            </p>
            <button type="button" className="choice" onClick={() => choose("unidirectional")} aria-describedby={`${ids.setup}-uni`}>
              Unidirectional
            </button>
            <p id={`${ids.setup}-uni`} className="muted">
              Access another cluster, for example to fetch images, without granting access in return.
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
            <h2>Create cluster link</h2>
          </header>
          <div className="dialog-body" ref={stepContainer}>
            {submitError !== undefined && <ErrorAlert title="Cluster link creation failed" error={submitError} />}
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
            <div className="field">
              <label htmlFor={ids.token}>Token</label>
              <input
                id={ids.token}
                value={token}
                disabled={!tokenEnabled}
                placeholder={tokenEnabled ? "Enter token (e.g. eyJhbGciOiJIUzI1Ni...)" : undefined}
                aria-invalid={showTokenError}
                aria-describedby={`${ids.tokenHelp}${showTokenError ? ` ${ids.tokenError}` : ""}`}
                onChange={(event) => setToken(event.target.value)}
                onBlur={() => setTouched((current) => ({ ...current, token: true }))}
              />
              {showTokenError && (
                <p id={ids.tokenError} className="field-error">
                  {errors.token}
                </p>
              )}
              <p id={ids.tokenHelp} className="help">
                {!tokenEnabled
                  ? "Token will be generated."
                  : type === "unidirectional"
                    ? "Paste the token you have generated on the target cluster: there, open Permissions > Identities > Create identity and choose Cluster link certificate."
                    : "Paste the token you have generated on the target cluster: there, create a bidirectional cluster link and generate a token."}
              </p>
            </div>
            <div className="field">
              <label htmlFor={ids.name}>Cluster link name</label>
              <input
                id={ids.name}
                value={name}
                placeholder="Enter name"
                aria-invalid={showNameError}
                aria-describedby={showNameError ? ids.nameError : undefined}
                onChange={(event) => setName(event.target.value)}
                onBlur={() => setTouched((current) => ({ ...current, name: true }))}
              />
              {showNameError && (
                <p id={ids.nameError} className="field-error">
                  {errors.name}
                </p>
              )}
            </div>
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
          </div>
          <footer className="dialog-footer">
            <button type="button" className="button" onClick={() => setStep(1)}>
              Back
            </button>
            <button type="submit" className="button button-positive" disabled={submitting || nameTaken === true}>
              Create link
            </button>
          </footer>
        </form>
      )}
    </Dialog>
  );
}
