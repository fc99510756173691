import { useEffect, useRef } from "react";

/**
 * Moves focus to the first element matching `selector` in the returned container whenever `value` changes (not on
 * the first render): a multi-step panel replaces the focused control, so focus has to go into the new step.
 */
export function useFocusOnChange(value: unknown, selector: string) {
  const container = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    container.current?.querySelector<HTMLElement>(selector)?.focus();
  }, [value, selector]);
  return container;
}
