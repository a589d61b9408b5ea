import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Blueprint sources as users write them, for the tests that load them from outside the repository. Each is
 * written into a temporary folder: nothing here is imported by the tests themselves.
 */

/** The README's one-file example, exactly as written there. */
export const README_HELLO = `import { defineBlueprint } from 'catalyst-gen';

export const hello = defineBlueprint<{ name: string }>({
  id: 'hello',
  displayName: 'Hello',
  description: 'One README.',
  version: '1.0.0',
  options: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', description: 'Project name.' } } },
  defaults: { name: 'hello' },
  render: (o) => ({ files: [{ type: 'text', path: 'README.md', content: \`# \${o.name}\\n\`, mode: 'seed' }] }),
});
`;

export { serviceBlueprint } from '../../bench/custom-blueprint.js';

/** Write files (path -> content) under a folder. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}
