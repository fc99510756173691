/** A timestamp for tables: local date and time, or "-" when absent or Go's zero time. */
export function formatTime(value: string | undefined): string {
  if (!value || value.startsWith("0001-01-01")) {
    return "-";
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return value;
  }
  return date.toLocaleString();
}

export function formatMillis(value: number | undefined): string {
  if (value === undefined || value === null) {
    return "-";
  }
  return value < 10 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}
