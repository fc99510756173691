import { useId, useState } from "react";
import { Link } from "react-router";
import type { AuthGroup } from "../api/types";
import { ErrorAlert, Loading } from "./States";

interface GroupSelectionProps {
  groups: AuthGroup[] | undefined;
  isLoading: boolean;
  error: unknown;
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** Groups selected when the panel opened; rows whose state differs are marked as changed. */
  initial?: readonly string[];
  disabled?: boolean;
}

/** Table of auth groups with one checkbox per group, labelled with the group's name, and a search box. */
export function GroupSelection({ groups, isLoading, error, selected, onChange, initial, disabled }: GroupSelectionProps) {
  const [search, setSearch] = useState("");
  const searchId = useId();
  const rowId = useId();

  if (isLoading) {
    return <Loading text="Loading groups..." />;
  }
  if (error) {
    return <ErrorAlert title="Loading groups failed" error={error} />;
  }
  const all = [...(groups ?? [])].sort((left, right) => left.name.localeCompare(right.name));
  const term = search.trim().toLowerCase();
  const visible = term === "" ? all : all.filter((group) => group.name.toLowerCase().includes(term) || group.description.toLowerCase().includes(term));

  const toggle = (name: string, checked: boolean) => {
    onChange(checked ? [...selected.filter((entry) => entry !== name), name] : selected.filter((entry) => entry !== name));
  };

  return (
    <div className="group-selection">
      <div className="field">
        <label htmlFor={searchId}>Search groups</label>
        <input id={searchId} type="search" value={search} onChange={(event) => setSearch(event.target.value)} disabled={disabled} />
      </div>
      {all.length === 0 ? (
        <p className="muted">
          No groups found. Groups are an easy way to manage the structured assignment of permissions.{" "}
          <Link to="/permissions/groups?panel=create-group">Create group</Link>
        </p>
      ) : (
        <table aria-label="Auth groups" className="table compact">
          <thead>
            <tr>
              <th scope="col" className="checkbox-column">
                <span className="visually-hidden">Selected</span>
              </th>
              <th scope="col">Group</th>
              <th scope="col">Description</th>
              {initial && (
                <th scope="col">
                  <span className="visually-hidden">Change</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {visible.length === 0 && (
              <tr>
                <td colSpan={initial ? 4 : 3}>No groups found matching this search</td>
              </tr>
            )}
            {visible.map((group, index) => {
              const checked = selected.includes(group.name);
              const id = `${rowId}-${index}`;
              const was = initial?.includes(group.name);
              const change = initial === undefined || was === checked ? "" : checked ? "will be added" : "will be removed";
              return (
                <tr key={group.name} className={checked ? "selected" : undefined}>
                  <td className="checkbox-column">
                    <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(event) => toggle(group.name, event.target.checked)} />
                  </td>
                  <td>
                    <label htmlFor={id}>{group.name}</label>
                  </td>
                  <td>{group.description || "-"}</td>
                  {initial && <td className="muted">{change}</td>}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
