import type {
  BatchBuild,
  BatchBuildEnv,
  BuildspecBatch,
  BuildspecDef,
  BuildspecEnv,
  BuildspecInstallPhase,
  BuildspecPhase,
} from '../model/buildspec.js';
import type { YamlPart, OwnershipMode } from '../model/project.js';
import { renderCodeArtifactLoginCommands } from './codeartifact.js';
import { sortedRecord } from './serialize.js';

/** A buildspec in CodeBuild's own spelling, keys in the order the user guide lists them. */
export type BuildspecWire = Record<string, unknown>;

/**
 * Pure: typed buildspec in, wire value out. `version` is the number 0.2 (batch builds reject the string),
 * yes/no flags are emitted as the documented `yes`/`no`, free-form maps are sorted, lists keep their
 * order. A CodeArtifact login, when defined, opens the install phase (after runtime selection) so every
 * later command resolves packages through the repository.
 */
export function renderBuildspec(def: BuildspecDef): BuildspecWire {
  const login = def.codeArtifact ? renderCodeArtifactLoginCommands(def.codeArtifact) : [];
  const out: BuildspecWire = { version: 0.2 };
  if (def.runAs !== undefined) out['run-as'] = def.runAs;
  if (def.env) out['env'] = renderEnv(def.env);
  if (def.proxy) {
    out['proxy'] = compact({ 'upload-artifacts': yesNo(def.proxy.uploadArtifacts), logs: yesNo(def.proxy.logs) });
  }
  if (def.batch) out['batch'] = renderBatch(def.batch);
  const phases: Record<string, unknown> = {};
  const install = def.phases.install;
  if (install || login.length > 0) phases['install'] = renderInstall(install ?? {}, login);
  if (def.phases.preBuild) phases['pre_build'] = renderPhase(def.phases.preBuild);
  if (def.phases.build) phases['build'] = renderPhase(def.phases.build);
  if (def.phases.postBuild) phases['post_build'] = renderPhase(def.phases.postBuild);
  out['phases'] = phases;
  if (def.reports) {
    const reports: Record<string, unknown> = {};
    for (const [name, r] of Object.entries(sortedRecord(def.reports))) {
      reports[name] = compact({ files: [...r.files], 'base-directory': r.baseDirectory, 'discard-paths': yesNo(r.discardPaths), 'file-format': r.fileFormat });
    }
    out['reports'] = reports;
  }
  if (def.artifacts) {
    const a = def.artifacts;
    const secondary = a.secondaryArtifacts
      ? Object.fromEntries(
          Object.entries(sortedRecord(a.secondaryArtifacts)).map(([id, s]) => [
            id,
            compact({ files: [...s.files], name: s.name, 'discard-paths': yesNo(s.discardPaths), 'base-directory': s.baseDirectory }),
          ]),
        )
      : undefined;
    out['artifacts'] = compact({
      files: [...a.files],
      name: a.name,
      'discard-paths': yesNo(a.discardPaths),
      'base-directory': a.baseDirectory,
      'exclude-paths': a.excludePaths ? [...a.excludePaths] : undefined,
      'enable-symlinks': yesNo(a.enableSymlinks),
      's3-prefix': a.s3Prefix,
      'secondary-artifacts': secondary,
    });
  }
  if (def.cache) {
    const c = def.cache;
    out['cache'] = compact({ key: c.key, 'fallback-keys': c.fallbackKeys ? [...c.fallbackKeys] : undefined, action: c.action, paths: [...c.paths] });
  }
  return out;
}

/** The buildspec as a project part, ready for a blueprint's file list. */
/** Keys whose `yes`/`no` values CodeBuild documents as plain scalars; the serializer keeps them unquoted. */
export const BUILDSPEC_YES_NO_KEYS: readonly string[] = ['git-credential-helper', 'upload-artifacts', 'logs', 'discard-paths', 'enable-symlinks'];

export function renderBuildspecPart(path: string, def: BuildspecDef, mode: OwnershipMode = 'managed'): YamlPart {
  return { type: 'yaml', path, value: renderBuildspec(def), fileKind: 'buildspec', mode, plainValuesOf: BUILDSPEC_YES_NO_KEYS };
}

/**
 * A runtime version as the buildspec should carry it: a number when the number prints back the same
 * (`20`, `3.12`), a string otherwise (`"3.10"` would become 3.1 as a number; `corretto21`, `20.x`, `latest`).
 */
export function runtimeVersionValue(v: string): string | number {
  return /^\d+(\.\d+)?$/.test(v) && String(Number(v)) === v ? Number(v) : v;
}

function renderEnv(env: BuildspecEnv): Record<string, unknown> {
  return compact({
    shell: env.shell,
    variables: env.variables ? sortedRecord(env.variables) : undefined,
    'parameter-store': env.parameterStore ? sortedRecord(env.parameterStore) : undefined,
    'secrets-manager': env.secretsManager ? sortedRecord(env.secretsManager) : undefined,
    'exported-variables': env.exportedVariables ? [...env.exportedVariables] : undefined,
    'git-credential-helper': yesNo(env.gitCredentialHelper),
  });
}

function renderInstall(phase: BuildspecInstallPhase, login: readonly string[]): Record<string, unknown> {
  const runtimes = phase.runtimeVersions
    ? Object.fromEntries(Object.entries(sortedRecord(phase.runtimeVersions)).map(([k, v]) => [k, runtimeVersionValue(v)]))
    : undefined;
  return compact({
    'run-as': phase.runAs,
    'on-failure': phase.onFailure,
    'runtime-versions': runtimes,
    // An install phase may only select runtimes; CodeBuild accepts it without commands.
    commands: login.length > 0 || phase.commands ? [...login, ...(phase.commands ?? [])] : undefined,
    finally: phase.finally ? [...phase.finally] : undefined,
  });
}

function renderPhase(phase: BuildspecPhase): Record<string, unknown> {
  return compact({
    'run-as': phase.runAs,
    'on-failure': phase.onFailure,
    commands: [...phase.commands],
    finally: phase.finally ? [...phase.finally] : undefined,
  });
}

function renderBatch(b: BuildspecBatch): Record<string, unknown> {
  const m = b.buildMatrix;
  return compact({
    'fast-fail': b.fastFail,
    'build-list': b.buildList?.map(renderBatchBuild),
    'build-graph': b.buildGraph?.map(renderBatchBuild),
    'build-matrix': m
      ? compact({
          static: m.static ? compact({ 'ignore-failure': m.static.ignoreFailure, env: m.static.env ? renderBatchEnv(m.static.env) : undefined }) : undefined,
          dynamic: compact({
            buildspec: m.dynamic.buildspec ? [...m.dynamic.buildspec] : undefined,
            env: m.dynamic.env
              ? compact({
                  'compute-type': m.dynamic.env.computeType ? [...m.dynamic.env.computeType] : undefined,
                  image: m.dynamic.env.image ? [...m.dynamic.env.image] : undefined,
                  variables: m.dynamic.env.variables
                    ? Object.fromEntries(Object.entries(sortedRecord(m.dynamic.env.variables)).map(([k, v]) => [k, [...v]]))
                    : undefined,
                })
              : undefined,
          }),
        })
      : undefined,
    'build-fanout': b.buildFanout ? compact({ parallelism: b.buildFanout.parallelism, 'ignore-failure': b.buildFanout.ignoreFailure }) : undefined,
  });
}

function renderBatchBuild(b: BatchBuild): Record<string, unknown> {
  return compact({
    identifier: b.identifier,
    buildspec: b.buildspec,
    env: b.env ? renderBatchEnv(b.env) : undefined,
    'ignore-failure': b.ignoreFailure,
    'depend-on': b.dependOn ? [...b.dependOn] : undefined,
  });
}

function renderBatchEnv(e: BatchBuildEnv): Record<string, unknown> {
  return compact({
    'compute-type': e.computeType,
    image: e.image,
    type: e.type,
    'privileged-mode': e.privilegedMode,
    variables: e.variables ? sortedRecord(e.variables) : undefined,
  });
}

function yesNo(v: boolean | undefined): 'yes' | 'no' | undefined {
  return v === undefined ? undefined : v ? 'yes' : 'no';
}

/** Drop undefined members, keeping the literal key order. */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}
