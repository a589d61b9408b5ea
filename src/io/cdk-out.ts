import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse, type ScalarTag, type CollectionTag } from 'yaml';
import { EnvironmentError, UsageError } from '../errors.js';
import type { StackTemplate, Template } from '../security/diff.js';

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

/** Every stack of a cloud assembly and of its nested assemblies (one per CDK Pipelines stage). */
export function readCloudAssembly(dir: string): StackTemplate[] {
  const manifest = readJson(join(dir, 'manifest.json')) as { artifacts?: Record<string, Artifact> };
  const out: StackTemplate[] = [];
  for (const [id, art] of Object.entries(manifest.artifacts ?? {})) {
    if (art.type === 'aws:cloudformation:stack' && art.properties?.templateFile) {
      const name = art.displayName ?? id;
      const slash = name.lastIndexOf('/');
      out.push({
        name,
        ...(slash > 0 ? { stage: name.slice(0, slash) } : {}),
        template: readTemplateFile(join(dir, art.properties.templateFile)),
      });
    } else if (art.type === 'cdk:cloud-assembly' && art.properties?.directoryName) {
      out.push(...readCloudAssembly(join(dir, art.properties.directoryName)));
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

interface Artifact {
  readonly type: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
}

export function readTemplateFile(path: string): Template {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EnvironmentError(`Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  let value: unknown;
  try {
    value = /^\s*[{[]/.test(text) ? JSON.parse(text) : parse(text, { customTags: CFN_TAGS });
  } catch (e) {
    throw new UsageError(`${path} is not a CloudFormation template: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${path} is not a CloudFormation template (expected a mapping).`);
  return value as Template;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new EnvironmentError(`Cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
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
