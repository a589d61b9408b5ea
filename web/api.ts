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

// The answers' shapes are the server's own (src/ui/page-api.ts imports types only, so the page can read it).
export type { BlueprintForm, FormField, OptionFinding as Finding, Preview, TargetInfo } from '../src/ui/page-api.js';
export type { WorkflowGraphNode as GraphNode } from '../src/wire/workflow-graph.js';
