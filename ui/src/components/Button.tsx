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

interface EditDeleteActionsProps {
  /** What the entity is called in the buttons' accessible names, e.g. "cluster link". */
  noun: string;
  name: string;
  editDenied: string | undefined;
  deleteDenied: string | undefined;
  onEdit: () => void;
  onDelete: () => void;
}

/** The "Edit" and "Delete" buttons of one entity, named "Edit <noun> <name>" and "Delete <noun> <name>". */
export function EditDeleteActions({ noun, name, editDenied, deleteDenied, onEdit, onDelete }: EditDeleteActionsProps) {
  return (
    <>
      <ActionButton aria-label={`Edit ${noun} ${name}`} deniedReason={editDenied} onClick={onEdit}>
        Edit
      </ActionButton>
      <ActionButton appearance="negative" aria-label={`Delete ${noun} ${name}`} deniedReason={deleteDenied} onClick={onDelete}>
        Delete
      </ActionButton>
    </>
  );
}
