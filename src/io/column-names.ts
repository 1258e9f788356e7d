/**
 * Column names as exports write them. The Log Analytics portal labels datetime columns with the
 * time zone it rendered them in: `TimeGenerated [UTC]`, `TimeGenerated [Local Time]`,
 * `TimeGenerated [Pacific Time (US and Canada) Tijuana]`. The column is `TimeGenerated`; the label
 * is kept so the loader can warn when the values are not UTC.
 */

export interface ColumnName {
  readonly name: string;
  /** The bracketed label, when there was one. */
  readonly label?: string;
}

const LABEL = /^(.*?)\s+\[([^\]]*)\]$/;

export function parseColumnName(raw: string): ColumnName {
  const t = raw.trim();
  const m = LABEL.exec(t);
  if (m && m[1] !== '') return { name: m[1]!, label: m[2]!.trim() };
  return { name: t };
}

/** Whether a label says the values are UTC, so they can be read as they are. */
export function isUtcLabel(label: string): boolean {
  return /^(utc|gmt|z|utc\s*[+-]\s*0?0(:?00)?)$/i.test(label.trim());
}
