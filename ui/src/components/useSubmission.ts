import { useState } from "react";

/**
 * The state of a form or dialog that sends one request at a time: `submitting` while it runs, and the error it
 * failed with, kept until the next attempt. After a success the caller usually closes, so `submitting` stays set.
 */
export function useSubmission() {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  /** Runs `action`; on failure calls `onFailure` (e.g. to refresh what may have changed) and keeps the error. */
  const run = async (action: () => Promise<void>, onFailure?: () => void): Promise<void> => {
    setSubmitting(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      onFailure?.();
      setError(caught);
      setSubmitting(false);
    }
  };

  return { submitting, error, setError, run };
}
