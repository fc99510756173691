import type { ReactNode } from "react";

/** A column heading; numeric columns are right-aligned. */
export type Column = string | { heading: string; numeric: true };

/** A full-width table named by `label`, with one header row of column headings; `children` are the body rows. */
export function DataTable({ label, columns, children }: { label: string; columns: readonly Column[]; children: ReactNode }) {
  return (
    <div className="table-wrapper">
      <table aria-label={label} className="table">
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === "string" ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.heading} scope="col" className="numeric">
                  {column.heading}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
