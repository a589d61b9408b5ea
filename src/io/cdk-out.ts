import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse, type ScalarTag, type CollectionTag } from 'yaml';
import { UsageError, ValidationError } from '../errors.js';
import type { StackTemplate, Template } from '../security/diff.js';
import { isRecord } from '../model/values.js';
import { readUserTextFile } from './read-file.js';
import { parseYamlSource } from '../validate/source.js';

/**
 * Read what `security-diff` compares: a CloudFormation template file (JSON, or YAML with the short-form
 * intrinsic tags such as `!Ref`), or a CDK cloud assembly folder (`cdk.out`, nested stage assemblies included).
 */
export function loadStackTemplates(path: string): StackTemplate[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new UsageError(`No such file or folder: ${path}`);
  }
  if (st.isDirectory()) {
    if (!existsSync(join(path, 'manifest.json'))) throw new UsageError(`${path} is a folder without manifest.json; give a template file or a cdk.out folder.`);
    return readCloudAssembly(path);
  }
  return [{ name: basename(path).replace(/\.template\.(json|ya?ml)$|\.(json|ya?ml)$/i, ''), template: readTemplateFile(path) }];
}

/**
 * Every stack of a cloud assembly and of its nested assemblies (one per CDK Pipelines stage). The manifest is
 * untrusted input: each artifact's shape is checked, every `templateFile` and `directoryName` must stay inside
 * the top folder (after resolving symbolic links), and a nested assembly that leads back to one being read (a
 * cycle, e.g. `"directoryName": "."`) is refused. Malformed input is a ValidationError naming the manifest.
 */
export function readCloudAssembly(dir: string): StackTemplate[] {
  const root = realpathOrUndefined(dir);
  if (root === undefined) throw new UsageError(`No such folder: ${dir}`);
  const out: StackTemplate[] = [];
  readAssembly(dir, root, [], new Set(), out);
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function readAssembly(dir: string, root: string, reading: readonly string[], done: Set<string>, out: StackTemplate[]): void {
  const real = realpathOrUndefined(dir)!;
  done.add(real);
  const manifestPath = join(dir, 'manifest.json');
  const bad = (what: string) => new ValidationError(`${manifestPath}: ${what}; this is not a cloud assembly manifest that catalyst-gen can read.`);
  const manifest = parseJsonFile(manifestPath);
  if (!isRecord(manifest)) throw bad('expected a JSON object');
  const artifacts = manifest['artifacts'] ?? {};
  if (!isRecord(artifacts)) throw bad('"artifacts" must be an object');
  for (const [id, art] of Object.entries(artifacts)) {
    const at = `artifact ${JSON.stringify(id)}`;
    if (!isRecord(art) || typeof art['type'] !== 'string') throw bad(`${at} must be an object with a string "type"`);
    const props = art['properties'] ?? {};
    if (!isRecord(props)) throw bad(`${at}: "properties" must be an object`);
    if (art['displayName'] !== undefined && typeof art['displayName'] !== 'string') throw bad(`${at}: "displayName" must be a string`);
    if (art['type'] === 'aws:cloudformation:stack') {
      const file = props['templateFile'];
      if (typeof file !== 'string' || file === '') throw bad(`${at}: a stack needs "properties.templateFile" (a file name)`);
      const name = (art['displayName'] as string | undefined) ?? id;
      const slash = name.lastIndexOf('/');
      // Where the stack deploys (`aws://account/region`; CDK writes unknown-account for an agnostic stack), its
      // CloudFormation name and the bootstrap role that deploys it: what a comparison with the deployed stack needs.
      const env = /^aws:\/\/(\d{12})\/([a-z0-9-]+)$/.exec(typeof art['environment'] === 'string' ? art['environment'] : '');
      const text = (k: string) => (typeof props[k] === 'string' && props[k] !== '' ? { [k]: props[k] as string } : {});
      out.push({
        name,
        ...(slash > 0 ? { stage: name.slice(0, slash) } : {}),
        template: readTemplateFile(insideAssembly(dir, file, root, manifestPath, at)),
        ...(env ? { account: env[1]!, region: env[2]! } : {}),
        ...text('stackName'),
        ...text('assumeRoleArn'),
      });
    } else if (art['type'] === 'cdk:cloud-assembly') {
      const sub = props['directoryName'];
      if (typeof sub !== 'string' || sub === '') throw bad(`${at}: a nested assembly needs "properties.directoryName" (a folder name)`);
      const subDir = insideAssembly(dir, sub, root, manifestPath, at);
      const subReal = realpathOrUndefined(subDir)!;
      if (subReal === real || reading.includes(subReal)) throw bad(`${at}: "directoryName" ${JSON.stringify(sub)} leads back to an assembly being read (a cycle)`);
      if (done.has(subReal)) continue;
      if (!existsSync(join(subDir, 'manifest.json'))) throw bad(`${at}: ${subDir} has no manifest.json`);
      readAssembly(subDir, root, [...reading, real], done, out);
    }
  }
}

/** `rel` resolved against the assembly folder, refused unless it exists and stays inside `root` (symlinks resolved). */
function insideAssembly(dir: string, rel: string, root: string, manifestPath: string, at: string): string {
  const full = resolve(dir, rel);
  const real = realpathOrUndefined(full);
  if (real === undefined) throw new ValidationError(`${manifestPath}: ${at} names ${JSON.stringify(rel)}, which does not exist.`);
  const fromRoot = relative(root, real);
  if (isAbsolute(rel) || fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) {
    throw new ValidationError(`${manifestPath}: ${at} names ${JSON.stringify(rel)}, which is outside the cloud assembly folder; refusing to read it.`);
  }
  return full;
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export function readTemplateFile(path: string): Template {
  return parseTemplateText(readText(path), path);
}

/** A template's text (JSON, or YAML with the short-form intrinsics), from a file or from CloudFormation. */
export function parseTemplateText(text: string, path: string): Template {
  const json = /^\s*[{[]/.test(text);
  if (!json) {
    // What a hostile file asks for (nesting past the limit, alias bombs, code-running tags) is refused with its
    // line before the parser with CloudFormation's tags sees it.
    const checked = parseYamlSource(text, path);
    if (!checked.ok) throw new ValidationError(`${path} is not a CloudFormation template it can read.`, checked.diagnostics, new Map([[path, text]]));
  }
  let value: unknown;
  try {
    value = json ? JSON.parse(text) : parse(text, { customTags: CFN_TAGS });
  } catch (e) {
    throw parseError(path, text, e, 'is not a CloudFormation template (neither JSON nor YAML)');
  }
  if (!isRecord(value)) throw new ValidationError(`${path} is not a CloudFormation template (expected a mapping).`);
  return value as Template;
}

function parseJsonFile(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw parseError(path, text, e, 'is not valid JSON');
  }
}

function readText(path: string): string {
  return readUserTextFile(path, 'CloudFormation template or cloud assembly file');
}

/**
 * A JSON or YAML syntax error as a ValidationError with one diagnostic at the line and column, so the CLI prints
 * `file:line:col`, the source line and a caret. The parsers' own position suffixes (yaml's `at line 3, column 1:`
 * followed by a context block) are cut, never shown dangling.
 */
function parseError(path: string, text: string, e: unknown, what: string): ValidationError {
  const err = e as Error & { linePos?: { line: number; col: number }[] };
  // Node's JSON.parse quotes the text around the fault (newlines included): keep only what it says is wrong.
  const raw = (err?.message ?? String(e)).replace(/^(Unexpected token .*?), "[\s\S]*" is not valid JSON$/, '$1');
  let message = raw.split('\n')[0]!.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
  let pos = err?.linePos?.[0];
  const offset = /at position (\d+)/.exec(message);
  if (!pos && offset) {
    const before = text.slice(0, Number(offset[1]));
    const lines = before.split('\n');
    pos = { line: lines.length, col: lines.at(-1)!.length + 1 };
    message = message.replace(/ in JSON at position \d+.*$| at position \d+.*$/, '');
  }
  message = message.replace(/\.?$/, '.');
  return new ValidationError(
    `${path} ${what}.`,
    [{ code: 'SECURITY-DIFF-PARSE', severity: 'error', message, file: path, ...(pos ? { line: pos.line, col: pos.col } : {}) }],
    new Map([[path, text]]),
  );
}

/** CloudFormation's short-form intrinsics, turned into their long form (`!Ref X` -> `{ Ref: X }`). */
const INTRINSICS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Contains', 'EachMemberEquals', 'ValueOf', 'Length', 'ToJsonString'];
const CFN_TAGS: (ScalarTag | CollectionTag)[] = [
  { tag: '!Ref', resolve: (v: string) => ({ Ref: v }) } as ScalarTag,
  { tag: '!Condition', resolve: (v: string) => ({ Condition: v }) } as ScalarTag,
  { tag: '!GetAtt', resolve: (v: string) => ({ 'Fn::GetAtt': v.split('.') }) } as ScalarTag,
  { tag: '!GetAtt', collection: 'seq', resolve: (v: { toJSON(): unknown }) => ({ 'Fn::GetAtt': v.toJSON() }) } as unknown as CollectionTag,
  ...INTRINSICS.flatMap((name) => [
    { tag: `!${name}`, resolve: (v: string) => ({ [`Fn::${name}`]: v }) } as ScalarTag,
    { tag: `!${name}`, collection: 'seq', resolve: (v: { toJSON(): unknown }) => ({ [`Fn::${name}`]: v.toJSON() }) } as unknown as CollectionTag,
    { tag: `!${name}`, collection: 'map', resolve: (v: { toJSON(): unknown }) => ({ [`Fn::${name}`]: v.toJSON() }) } as unknown as CollectionTag,
  ]),
];
