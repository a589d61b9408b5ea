import { DEVFILE_DEFAULTS, universalImage, type DevfileDef, type EnvVars, type MainContainerDef, type SidecarDef, type VolumeMountDef } from '../model/devfile.js';
import type { OwnershipMode, YamlPart } from '../model/project.js';
import type { WireComponent, WireContainer, WireDevfile, WireEnvVar, WireExecCommand } from '../wire/devfile.js';
import { byCodePoint } from './serialize.js';

/**
 * Pure: a typed devfile definition to the wire value CodeCatalyst reads. Keys come out in the order people
 * expect to read them (schemaVersion, metadata, components, commands, events); env lists are sorted by
 * name; every other list keeps its declared order. The result is what a blueprint hands over as
 * `{ type: 'yaml', path: 'devfile.yaml', value, fileKind: 'devfile' }`.
 */
export function renderDevfile(def: DevfileDef = {}): WireDevfile {
  const main = def.main ?? {};
  const mainName = main.name ?? DEVFILE_DEFAULTS.mainComponent;
  const dockerStore = def.dockerStore === false ? undefined : (def.dockerStore ?? {});
  const sidecars = def.sidecars ?? [];

  // The main container also gets what sidecars export (endpoints, IS_LOCAL); its own env wins on a clash.
  const mainEnv: Record<string, string> = {};
  for (const s of sidecars) Object.assign(mainEnv, s.mainEnv ?? {});
  Object.assign(mainEnv, main.env ?? {});

  const mainMounts: VolumeMountDef[] = [...(main.volumeMounts ?? [])];
  if (dockerStore) mainMounts.push({ name: DEVFILE_DEFAULTS.dockerStoreName, path: DEVFILE_DEFAULTS.dockerStorePath });

  const components: WireComponent[] = [
    { name: mainName, container: renderMainContainer(main, mainEnv, mainMounts) },
    ...sidecars.map(renderSidecarComponent),
    ...(dockerStore ? [{ name: DEVFILE_DEFAULTS.dockerStoreName, volume: { size: dockerStore.size ?? DEVFILE_DEFAULTS.dockerStoreSize } }] : []),
    ...(def.volumes ?? []).map((v) => ({ name: v.name, volume: v.size !== undefined ? { size: v.size } : {} })),
  ];

  const commands: WireExecCommand[] = (def.commands ?? []).map((c) => ({
    id: c.id,
    exec: {
      component: c.component ?? mainName,
      commandLine: c.commandLine,
      workingDir: c.workingDir ?? DEVFILE_DEFAULTS.workingDir,
    },
  }));
  const postStart = (def.commands ?? []).filter((c) => c.postStart).map((c) => c.id);

  const md = def.metadata ?? {};
  const metadata: Record<string, unknown> = {
    name: md.name ?? DEVFILE_DEFAULTS.metadataName,
    version: md.version ?? DEVFILE_DEFAULTS.metadataVersion,
    ...(md.displayName !== undefined ? { displayName: md.displayName } : {}),
    ...(md.description !== undefined ? { description: md.description } : {}),
    ...(md.tags !== undefined ? { tags: [...md.tags] } : {}),
    ...(md.projectType !== undefined ? { projectType: md.projectType } : {}),
  };

  return {
    schemaVersion: DEVFILE_DEFAULTS.schemaVersion,
    metadata,
    components,
    ...(commands.length > 0 ? { commands } : {}),
    ...(postStart.length > 0 ? { events: { postStart } } : {}),
  };
}

function renderMainContainer(main: MainContainerDef, env: EnvVars, mounts: readonly VolumeMountDef[]): WireContainer {
  return {
    image: main.image ?? universalImage(),
    // The IDE works on the sources in this container.
    mountSources: true,
    ...(main.command ? { command: [...main.command] } : {}),
    ...(main.args ? { args: [...main.args] } : {}),
    ...envPart(env),
    ...(mounts.length > 0 ? { volumeMounts: mounts.map((m) => ({ name: m.name, path: m.path })) } : {}),
  };
}

/** A sidecar as a devfile component (its `mainEnv` goes to the main container, not here). */
export function renderSidecarComponent(s: SidecarDef): WireComponent {
  return {
    name: s.name,
    container: {
      image: s.image,
      // Explicit: the specification defaults mountSources to true, and a database has no use for the sources.
      mountSources: false,
      ...(s.command ? { command: [...s.command] } : {}),
      ...(s.args ? { args: [...s.args] } : {}),
      ...envPart(s.env ?? {}),
      ...(s.volumeMounts && s.volumeMounts.length > 0 ? { volumeMounts: s.volumeMounts.map((m) => ({ name: m.name, path: m.path })) } : {}),
    },
  };
}

/** Env as the devfile wants it: a list of `{name, value}` with string values, sorted by name for stable output. */
export function renderEnv(env: EnvVars): WireEnvVar[] {
  return Object.keys(env)
    .sort(byCodePoint)
    .map((name) => ({ name, value: String(env[name]) }));
}

function envPart(env: EnvVars): { env?: WireEnvVar[] } {
  const list = renderEnv(env);
  return list.length > 0 ? { env: list } : {};
}

export interface DevfilePartOptions {
  /** @default 'devfile.yaml' (the repository root, where CodeCatalyst looks) */
  readonly path?: string;
  /** @default 'seed' (written once; from then on the team edits it, e.g. with "catalyst-gen devfile") */
  readonly mode?: OwnershipMode;
}

/** The devfile as a project part a blueprint returns. */
export function renderDevfilePart(def: DevfileDef = {}, options: DevfilePartOptions = {}): YamlPart {
  return { type: 'yaml', path: options.path ?? 'devfile.yaml', value: renderDevfile(def), fileKind: 'devfile', mode: options.mode ?? 'seed' };
}
