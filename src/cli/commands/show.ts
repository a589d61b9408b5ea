import { describeOptions, type OptionDoc } from '../../options/schema-walk.js';
import { resolveBlueprint, processCatalogueContext, type CatalogueContext } from '../catalogue.js';
import { paint, type Output } from '../output.js';

export async function runShow(source: string, opts: { json?: boolean }, o: Output, ctx: CatalogueContext = processCatalogueContext((l) => o.err(l))): Promise<void> {
  const { blueprint: bp, origin } = await resolveBlueprint(source, ctx);
  const docs = describeOptions(bp.options, bp.defaults);
  const from = origin.type === 'builtin' ? 'built-in' : (await import('../../io/blueprint-origin.js')).describeOrigin(origin, ctx.cwd);
  if (opts.json) {
    o.out(JSON.stringify({ id: bp.id, displayName: bp.displayName, version: bp.version, description: bp.description, source: from, options: docs, schema: bp.options }, null, 2));
    return;
  }
  const lines = [`${paint(o, 'bold', bp.displayName)} (${bp.id} ${bp.version}${origin.type === 'builtin' ? '' : `, from ${from}`})`, bp.description, '', 'Options:'];
  for (const d of docs) {
    lines.push(`  ${paint(o, 'bold', d.path)}  ${d.type}${requirement(d)}`);
    if (d.description) lines.push(`      ${d.description}`);
    if (d.allowed) lines.push(`      allowed: ${d.allowed.map((v) => JSON.stringify(v)).join(', ')}`);
    if (d.pattern) lines.push(`      pattern: ${d.pattern}`);
    if (d.defaultValue !== undefined) lines.push(`      default: ${JSON.stringify(d.defaultValue)}`);
  }
  if (docs.some((d) => d.path.includes('[]'))) {
    const item = docs.find((d) => d.path.includes('[]'))!.path;
    lines.push('', `"[]" stands for each item of a list: set one with its index (--set ${item.replace('[]', '.0')}=...), or give the whole list in an options file.`);
  }
  lines.push('', `Set options with --set name=value or --options file.yaml, e.g. catalyst-gen new ${source} ./my-project --set ${docs[0]?.path ?? 'name'}=...`);
  o.out(lines.join('\n'));
}

/** What `show` prints after the type: whether and when the option must be given. */
function requirement(d: OptionDoc): string {
  if (d.requiredWhen !== undefined) return `  (required when ${d.requiredWhen} is set)`;
  if (d.type === 'object' && !d.required) return '  (optional: when set, give all of its required options together)';
  if (!d.required || d.defaultValue !== undefined) return '';
  const list = /^(.*)\[\]\./.exec(d.path);
  return list ? `  (required in every ${list[1]} item)` : '  (required)';
}
