/** Whether a parsed JSON/YAML value is a mapping: an object that is neither null nor a list. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
