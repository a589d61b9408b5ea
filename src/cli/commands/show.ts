import { describeOptions } from '../../options/schema-walk.js';
import { findBlueprint } from '../catalogue.js';
import { paint, type Output } from '../output.js';

export async function runShow(id: string, opts: { json?: boolean }, o: Output): Promise<void> {
  const bp = await findBlueprint(id);
  const docs = describeOptions(bp.options, bp.defaults);
  if (opts.json) {
    o.out(JSON.stringify({ id: bp.id, displayName: bp.displayName, version: bp.version, description: bp.description, options: docs, schema: bp.options }, null, 2));
    return;
  }
  const lines = [`${paint(o, 'bold', bp.displayName)} (${bp.id} ${bp.version})`, bp.description, '', 'Options:'];
  for (const d of docs) {
    lines.push(`  ${paint(o, 'bold', d.path)}  ${d.type}${d.required && d.defaultValue === undefined ? '  (required)' : ''}`);
    if (d.description) lines.push(`      ${d.description}`);
    if (d.allowed) lines.push(`      allowed: ${d.allowed.map((v) => JSON.stringify(v)).join(', ')}`);
    if (d.pattern) lines.push(`      pattern: ${d.pattern}`);
    if (d.defaultValue !== undefined) lines.push(`      default: ${JSON.stringify(d.defaultValue)}`);
  }
  lines.push('', `Set options with --set name=value or --options file.yaml, e.g. catalyst-gen new ${bp.id} ./my-project --set ${docs[0]?.path ?? 'name'}=...`);
  o.out(lines.join('\n'));
}
