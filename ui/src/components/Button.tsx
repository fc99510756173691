import type { ButtonHTMLAttributes } from "react";

interface ActionButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** When set the button is disabled and the reason is its `title` (hover text), as in LXD's UI. */
  deniedReason?: string | undefined;
  appearance?: "default" | "positive" | "negative" | "link";
}

/** A button that is disabled with an explanatory title when the caller lacks the entitlement. */
export function ActionButton({ deniedReason, appearance = "default", disabled, title, className, type, ...rest }: ActionButtonProps) {
  const denied = deniedReason !== undefined;
  return (
    <button
      type={type ?? "button"}
      className={`button button-${appearance} ${className ?? ""}`.trim()}
      disabled={denied || disabled}
      title={denied ? deniedReason : title}
      {...rest}
    />
  );
}
