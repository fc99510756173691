import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from "react";

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.closest("[hidden]"));
}

/**
 * Makes everything outside `element` inert and hidden from assistive technology, as a modal requires, and returns
 * the undo. Walks up to <body> hiding the siblings at each level, so the dialog can stay inside <main>.
 */
function isolate(element: HTMLElement): () => void {
  const hidden: HTMLElement[] = [];
  for (let node: HTMLElement = element; node.parentElement && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement.children) {
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.inert || sibling.getAttribute("aria-hidden") === "true" || sibling.tagName === "SCRIPT") {
        continue;
      }
      sibling.inert = true;
      sibling.setAttribute("aria-hidden", "true");
      hidden.push(sibling);
    }
  }
  return () => {
    for (const element of hidden) {
      element.inert = false;
      element.removeAttribute("aria-hidden");
    }
  };
}

interface DialogProps {
  /** Side panel (`<aside>` at the right) or centred modal. */
  variant: "panel" | "modal";
  /** Accessible name, when it is not the heading given by `labelledBy`. */
  label?: string;
  labelledBy?: string;
  /** Called on Escape; without it Escape does nothing (e.g. a token that must be confirmed as copied). */
  onEscape?: () => void;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog: the rest of the page becomes inert, focus moves into the dialog, Tab cycles inside it, Escape
 * calls `onEscape`, and focus returns to where it was when the dialog closes.
 */
export function Dialog({ variant, label, labelledBy, onEscape, className, children }: DialogProps) {
  const reference = useRef<HTMLElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  const onEscapeReference = useRef(onEscape);
  onEscapeReference.current = onEscape;

  useEffect(() => {
    const container = reference.current;
    if (!container) {
      return;
    }
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const restore = backdrop.current ? isolate(backdrop.current) : () => {};
    const autofocus = container.querySelector<HTMLElement>("[data-autofocus]");
    (autofocus ?? focusableIn(container)[0] ?? container).focus();
    return () => {
      restore();
      if (previous && previous.isConnected) {
        previous.focus();
      }
    };
  }, []);

  // On the document, not the dialog: focus can fall back to <body>, for example when the focused submit button
  // becomes disabled while a request runs, and Escape must still work then
  useEffect(() => {
    const onDocumentKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === "Escape" && onEscapeReference.current) {
        event.preventDefault();
        onEscapeReference.current();
      }
    };
    document.addEventListener("keydown", onDocumentKeyDown);
    return () => document.removeEventListener("keydown", onDocumentKeyDown);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "Tab") {
      return;
    }
    const container = reference.current;
    if (!container) {
      return;
    }
    const focusable = focusableIn(container);
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) {
      event.preventDefault();
      container.focus();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === container)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const common = {
    role: "dialog",
    "aria-modal": true,
    "aria-label": label,
    "aria-labelledby": label ? undefined : labelledBy,
    tabIndex: -1,
    onKeyDown,
  } as const;

  return (
    <div ref={backdrop} className={`backdrop backdrop-${variant}`}>
      {variant === "panel" ? (
        <aside ref={reference} className={`panel ${className ?? ""}`} {...common}>
          {children}
        </aside>
      ) : (
        <div ref={reference as RefObject<HTMLDivElement>} className={`modal ${className ?? ""}`} {...common}>
          {children}
        </div>
      )}
    </div>
  );
}
