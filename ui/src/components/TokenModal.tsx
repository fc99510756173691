import { useId, useState, type ReactNode } from "react";
import { errorMessage } from "../api/client";
import { Dialog } from "./Dialog";
import { ErrorAlert } from "./States";

interface TokenModalProps {
  heading: string;
  token: string;
  /** Caution shown above the token. */
  notice: ReactNode;
  /** The CLI command(s) to run with the token; `commandName` is the value of the name input, when there is one. */
  commands: (commandName: string) => string[];
  /** How to use the token from the other side's UI, shown before the CLI command. */
  usage?: ReactNode;
  /** Label and initial value of an input that customises the name used in the command. */
  commandNameInput?: { label: string; initial: string };
  onDone: () => void;
  /** Replaceable in tests; defaults to the async clipboard API. */
  writeClipboard?: (text: string) => Promise<void>;
}

function defaultWriteClipboard(text: string): Promise<void> {
  if (!navigator.clipboard) {
    return Promise.reject(new Error("The clipboard is not available in this browser"));
  }
  return navigator.clipboard.writeText(text);
}

/**
 * Shows a trust token exactly once. "Done" stays disabled until the user confirms they have copied it, and Escape
 * does not close the dialog before that: closing it loses the token for good.
 */
export function TokenModal({ heading, token, notice, usage, commands, commandNameInput, onDone, writeClipboard = defaultWriteClipboard }: TokenModalProps) {
  const headingId = useId();
  const nameId = useId();
  const copiedId = useId();
  const [copied, setCopied] = useState(false);
  const [copyError, setCopyError] = useState<unknown>(undefined);
  const [commandName, setCommandName] = useState(commandNameInput?.initial ?? "");

  const copy = async () => {
    try {
      await writeClipboard(token);
      setCopyError(undefined);
      setCopied(true);
    } catch (error) {
      setCopyError(error);
    }
  };

  return (
    <Dialog variant="modal" labelledBy={headingId} onEscape={copied ? onDone : undefined} className="token-modal">
      <header className="dialog-header">
        <h2 id={headingId}>{heading}</h2>
      </header>
      <div className="dialog-body">
        <div className="alert alert-caution">{notice}</div>
        <h3>Your trust token</h3>
        <pre className="token" role="textbox" aria-readonly="true" aria-multiline="true" aria-label="Trust token" tabIndex={0}>
          {token}
        </pre>
        <div className="row">
          <button type="button" className="button" onClick={copy}>
            Copy token
          </button>
        </div>
        {copyError !== undefined && (
          <ErrorAlert>{`Could not copy the token: ${errorMessage(copyError)}. Select it and copy it by hand.`}</ErrorAlert>
        )}
        <h3>How to use it</h3>
        {usage}
        {commandNameInput && (
          <div className="field">
            <label htmlFor={nameId}>{commandNameInput.label}</label>
            <input id={nameId} value={commandName} onChange={(event) => setCommandName(event.target.value)} />
          </div>
        )}
        {commands(commandName || "<name>").map((command) => (
          <pre key={command} className="command">
            {command}
          </pre>
        ))}
      </div>
      <footer className="dialog-footer">
        <div className="checkbox-field">
          <input id={copiedId} type="checkbox" checked={copied} onChange={(event) => setCopied(event.target.checked)} />
          <label htmlFor={copiedId}>I have copied the token</label>
        </div>
        <button type="button" className="button button-positive" disabled={!copied} onClick={onDone}>
          Done
        </button>
      </footer>
    </Dialog>
  );
}
