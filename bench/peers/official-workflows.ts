/**
 * The peer for whole-process comparisons: what a team does today to check workflow files with the official
 * SDK. Read each file, parse it with js-yaml, run `WorkflowDefinition.validate` (@aws/codecatalyst-workflows-sdk),
 * print the errors, exit 1 when any file is invalid. Arguments: files or folders (folders are searched for
 * `.codecatalyst/workflows/*.yaml|yml`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { WorkflowDefinition } = require('@aws/codecatalyst-workflows-sdk') as {
  WorkflowDefinition: { validate(value: unknown): { errors: { stack: string }[] } };
};

function collect(path: string, out: string[]): void {
  if (statSync(path).isDirectory()) {
    for (const e of readdirSync(path, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') collect(join(path, e.name), out);
      else if (e.isFile() && /\.ya?ml$/.test(e.name) && /(^|[\\/])\.codecatalyst[\\/]workflows$/.test(path)) out.push(join(path, e.name));
    }
  } else out.push(path);
}

const files: string[] = [];
for (const p of process.argv.slice(2)) collect(p, files);
files.sort();
let invalid = 0;
const lines: string[] = [];
for (const file of files) {
  let value: unknown;
  try {
    value = yaml.load(readFileSync(file, 'utf8'));
  } catch (e) {
    invalid += 1;
    lines.push(`${file}: ${(e as Error).message}`);
    continue;
  }
  const result = WorkflowDefinition.validate(value);
  if (result.errors.length > 0) {
    invalid += 1;
    for (const err of result.errors) lines.push(`${file}: ${err.stack}`);
  }
}
lines.push(`${files.length} file(s), ${invalid} invalid`);
process.stdout.write(lines.join('\n') + '\n');
process.exitCode = invalid > 0 ? 1 : 0;
