import { useId, type ReactNode } from "react";
import { errorMessage } from "../api/client";

export function Loading({ text }: { text: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {text}
    </p>
  );
}

/** An inline error; `role="alert"` so it is announced, with the server's message verbatim. */
export function ErrorAlert({ title, error, children }: { title?: string; error?: unknown; children?: ReactNode }) {
  const message = error === undefined ? undefined : errorMessage(error);
  return (
    <div className="alert alert-error" role="alert">
      {title && message ? `${title}: ${message}` : (title ?? message)}
      {children}
    </div>
  );
}

export function EmptyState({ heading, children }: { heading: string; children?: ReactNode }) {
  const headingId = useId();
  return (
    <section className="empty-state" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {children}
    </section>
  );
}
