import { useId, type ReactNode } from "react";
import { Dialog } from "./Dialog";
import { ErrorAlert } from "./States";

interface ConfirmDialogProps {
  heading: string;
  /** Prefix of the inline error shown when the confirmed action failed. */
  errorTitle: string;
  error: unknown;
  confirmLabel: string;
  confirmDisabled: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** A modal asking to confirm a destructive action: "Cancel" and a negative confirm button. */
export function ConfirmDialog({ heading, errorTitle, error, confirmLabel, confirmDisabled, onConfirm, onClose, children }: ConfirmDialogProps) {
  const headingId = useId();
  return (
    <Dialog variant="modal" labelledBy={headingId} onEscape={onClose}>
      <header className="dialog-header">
        <h2 id={headingId}>{heading}</h2>
      </header>
      <div className="dialog-body">
        {error !== undefined && <ErrorAlert title={errorTitle} error={error} />}
        {children}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-negative" disabled={confirmDisabled} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </footer>
    </Dialog>
  );
}
