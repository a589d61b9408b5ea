import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * The devfile specification's JSON schemas as an npm package ships them (a devDependency; never copied into
 * this repository). `unicodeRegExp: false` because their semver patterns use `\-`, which a `u` RegExp rejects.
 */
const cache = new Map<string, ValidateFunction>();

/** The versions the package ships a schema for: every devfile 2.x release. */
export const OFFICIAL_DEVFILE_VERSIONS = ['2.0.0', '2.1.0', '2.2.0', '2.2.1', '2.2.2', '2.3.0'] as const;

export function officialDevfileSchema(version: (typeof OFFICIAL_DEVFILE_VERSIONS)[number]): ValidateFunction {
  let fn = cache.get(version);
  if (!fn) {
    const path = resolve(process.cwd(), 'node_modules', '@eclipse-che', 'che-devworkspace-generator', 'src', 'devfile-schema', version, 'devfile.json');
    const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
    fn = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
    cache.set(version, fn);
  }
  return fn;
}
