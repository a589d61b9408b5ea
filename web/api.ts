/** The preview server's API. Every call carries the token the server wrote into the page. */
const token = document.querySelector<HTMLMetaElement>('meta[name="catalyst-gen-token"]')?.content ?? '';

export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly body: Record<string, unknown>) {
    super(message);
  }
}

export async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'X-Catalyst-Gen-Token': token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(typeof json['error'] === 'string' ? json['error'] : `HTTP ${res.status}`, res.status, json);
  return json as T;
}

export interface FormField {
  readonly kind: 'group' | 'list' | 'choice' | 'boolean' | 'text';
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  readonly required: boolean;
  readonly optional?: boolean;
  readonly fields?: readonly FormField[];
  readonly item?: FormField;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly choices?: readonly string[];
  readonly type?: string;
  readonly pattern?: string;
}

export interface BlueprintForm {
  readonly id: string;
  readonly displayName: string;
  readonly description: string;
  readonly version: string;
  readonly source: string;
  readonly fields: readonly FormField[];
  readonly values: unknown;
}

export interface TargetInfo {
  readonly path: string;
  readonly exists: boolean;
  readonly project?: BlueprintForm & { readonly recordedVersion: string };
}

export interface Finding {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly fix?: string;
  readonly path: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
}

export interface GraphNode {
  readonly name: string;
  readonly kind: 'action' | 'gate' | 'group';
  readonly group?: string;
  readonly identifier?: string;
  readonly dependsOn: readonly string[];
  readonly members?: readonly string[];
}

export interface Preview {
  readonly mode: 'new' | 'update';
  readonly target: string;
  readonly findings: readonly Finding[];
  readonly error?: string;
  readonly files?: readonly { path: string; action: string; mode: string; kind: string; content: string; diff?: string; reason?: string; details?: readonly string[] }[];
  readonly removals?: readonly { path: string; action: string; reason: string }[];
  readonly warnings?: readonly string[];
  readonly workflows?: readonly { file: string; graph: { nodes: readonly GraphNode[]; edges: readonly { from: string; to: string }[] }; mermaid: string }[];
  readonly diagnostics?: readonly Diagnostic[];
  readonly command?: { line?: string; note?: string };
}
