import { Fragment, useId, type FormEvent, type InputHTMLAttributes, type ReactNode, type Ref } from "react";
import { ErrorAlert } from "./States";

interface PanelFormProps {
  heading: string;
  /** Muted line under the heading. */
  subtitle?: string;
  onSubmit: (event: FormEvent) => void;
  noValidate?: boolean;
  /** Prefix of the inline error shown when the submission failed. */
  errorTitle: string;
  error: unknown;
  bodyRef?: Ref<HTMLDivElement>;
  /** The footer's secondary button, "Cancel" or "Back". */
  backLabel: string;
  onBack: () => void;
  submitLabel: string;
  submitDisabled: boolean;
  children: ReactNode;
}

/** The form of a side panel: heading, body starting with the submission error, and a footer with back and submit. */
export function PanelForm({ heading, subtitle, onSubmit, noValidate, errorTitle, error, bodyRef, backLabel, onBack, submitLabel, submitDisabled, children }: PanelFormProps) {
  return (
    <form className="panel-form" onSubmit={onSubmit} noValidate={noValidate}>
      <header className="dialog-header">
        <h2>{heading}</h2>
        {subtitle !== undefined && <p className="muted">{subtitle}</p>}
      </header>
      <div className="dialog-body" ref={bodyRef}>
        {error !== undefined && <ErrorAlert title={errorTitle} error={error} />}
        {children}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onBack}>
          {backLabel}
        </button>
        <button type="submit" className="button button-positive" disabled={submitDisabled}>
          {submitLabel}
        </button>
      </footer>
    </form>
  );
}

interface ChoiceStepProps {
  heading: string;
  prompt: string;
  choices: ReadonlyArray<{ label: string; description: string; onChoose: () => void }>;
  bodyRef?: Ref<HTMLDivElement>;
  onCancel: () => void;
}

/** The first step of a create panel: one button per choice, each described by the text under it, and "Cancel". */
export function ChoiceStep({ heading, prompt, choices, bodyRef, onCancel }: ChoiceStepProps) {
  const descriptionId = useId();
  return (
    <>
      <header className="dialog-header">
        <h2>{heading}</h2>
        <p className="muted">{prompt}</p>
      </header>
      <div className="dialog-body choice-list" ref={bodyRef}>
        {choices.map((choice, index) => (
          <Fragment key={choice.label}>
            <button type="button" className="choice" aria-describedby={`${descriptionId}-${index}`} onClick={choice.onChoose}>
              {choice.label}
            </button>
            <p id={`${descriptionId}-${index}`} className="muted">
              {choice.description}
            </p>
          </Fragment>
        ))}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </footer>
    </>
  );
}

interface ValidatedFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  /** The validation message to show now, or undefined when the value is valid or not yet to be flagged. */
  error: string | undefined;
  /** Help text under the field; it describes the input like the error does. */
  help?: ReactNode;
}

/** A labelled input whose error is shown under it, marked `aria-invalid` and linked through `aria-describedby`. */
export function ValidatedField({ label, error, help, ...input }: ValidatedFieldProps) {
  const ids = { input: useId(), error: useId(), help: useId() };
  const describedBy = [help === undefined ? "" : ids.help, error === undefined ? "" : ids.error].filter((id) => id !== "").join(" ");
  return (
    <div className="field">
      <label htmlFor={ids.input}>{label}</label>
      <input id={ids.input} aria-invalid={error !== undefined} aria-describedby={describedBy === "" ? undefined : describedBy} {...input} />
      {error !== undefined && (
        <p id={ids.error} className="field-error">
          {error}
        </p>
      )}
      {help !== undefined && (
        <p id={ids.help} className="help">
          {help}
        </p>
      )}
    </div>
  );
}
