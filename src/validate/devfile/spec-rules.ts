import { toPointer, type Finding, type Severity } from '../../model/diagnostic.js';
import { commandType, componentType, listAt, objAt, strAt, type Obj } from './access.js';
import { parseQuantity } from './quantity.js';
import { isRecord } from '../../model/values.js';

export interface SpecRuleOptions {
  /**
   * Whether the schema layer rejected the part a path names (a component, a command...). A rejected component
   * or command still exists (what names it finds it), but its type is not trusted, so nothing is concluded
   * from it. @default - nothing rejected
   */
  readonly rejected?: (path: readonly (string | number)[]) => boolean;
}

/**
 * Layer 2: the devfile specification's rules that JSON schema cannot express (devfile/api `pkg/validation`,
 * rules R1-R24 of the reference; R25, variables, is `variables.ts`). Pure. The library runs them only on a
 * document its schema accepts; these run on the parts the schema layer did not reject, so a problem is not
 * hidden behind another. Where the library stops at the first problem, these rules report all.
 */
export function devfileSpecFindings(devfile: unknown, options: SpecRuleOptions = {}): Finding[] {
  if (!isRecord(devfile)) return [];
  const rejected = options.rejected ?? (() => false);
  const out: Finding[] = [];
  const add = (code: string, pointer: (string | number)[], message: string, fix?: string, severity: Severity = 'error') =>
    out.push({ code, severity, pointer: toPointer(pointer), message, ...(fix ? { fix } : {}) });

  const components = listAt(devfile, 'components');
  const commands = listAt(devfile, 'commands');

  // R1, R2: names and ids are keys.
  duplicates(components, 'name', (i, name) =>
    add('DEVFILE-DUPLICATE-COMPONENT', ['components', i, 'name'], `Component name "${name}" is used twice; component names must be unique.`, 'Rename one of the components.'),
  );
  duplicates(commands, 'id', (i, id) =>
    add('DEVFILE-DUPLICATE-COMMAND', ['commands', i, 'id'], `Command id "${id}" is used twice; command ids must be unique.`, 'Rename one of the commands.'),
  );

  const componentTypes = new Map<string, string>();
  const untrusted = new Set<string>();
  components.forEach((c, i) => {
    const n = strAt(c, 'name');
    if (n !== undefined && rejected(['components', i])) untrusted.add(n);
    const t = componentType(c);
    if (n !== undefined && t && !componentTypes.has(n)) componentTypes.set(n, t);
  });
  const untrustedCommands = new Set<string>();
  commands.forEach((c, i) => {
    const id = strAt(c, 'id');
    if (id !== undefined && rejected(['commands', i])) untrustedCommands.add(id.toLowerCase());
  });
  const commandsById = new Map<string, Obj>();
  commands.forEach((c) => {
    const id = strAt(c, 'id');
    if (id !== undefined && isRecord(c) && !commandsById.has(id.toLowerCase())) commandsById.set(id.toLowerCase(), c);
  });

  // R3-R8: what commands refer to.
  commands.forEach((c, i) => {
    const id = strAt(c, 'id') ?? `#${i}`;
    const type = commandType(c);
    if (type !== 'exec' && type !== 'apply' && type !== 'composite') {
      add('DEVFILE-COMMAND-TYPE', ['commands', i], `Command "${id}" is a ${type ?? 'typeless'} command; the devfile library accepts exec, apply and composite commands only.`, 'Rewrite it as an exec command.');
      return;
    }
    if (type === 'exec' || type === 'apply') {
      const target = strAt(objAt(c, type), 'component');
      const allowed = type === 'exec' ? ['container'] : ['container', 'kubernetes', 'openshift', 'image'];
      const actual = target === undefined ? undefined : componentTypes.get(target);
      if (target !== undefined && !untrusted.has(target) && (!actual || !allowed.includes(actual))) {
        add(
          'DEVFILE-COMMAND-COMPONENT',
          ['commands', i, type, 'component'],
          actual
            ? `Command "${id}" runs in component "${target}", which is a ${actual} component; ${type} commands need ${type === 'exec' ? 'a container' : 'a container, kubernetes, openshift or image'} component.`
            : `Command "${id}" runs in component "${target}", which does not exist.${knownList(componentTypes, allowed)}`,
          'Name a component defined under "components".',
        );
      }
    }
    if (type === 'composite') compositeFindings(c, i, id, commandsById, add);
  });

  // R9, R10: one default command per group kind.
  const byKind = new Map<string, { index: number; id: string; isDefault: boolean }[]>();
  commands.forEach((c, i) => {
    const type = commandType(c);
    const group = type ? objAt(objAt(c, type), 'group') : undefined;
    const kind = strAt(group, 'kind');
    if (!kind) return;
    const list = byKind.get(kind) ?? [];
    list.push({ index: i, id: strAt(c, 'id') ?? `#${i}`, isDefault: group?.['isDefault'] === true });
    byKind.set(kind, list);
  });
  for (const [kind, list] of byKind) {
    if (list.length < 2) continue;
    const defaults = list.filter((x) => x.isDefault);
    if (defaults.length > 1) {
      add('DEVFILE-GROUP-DEFAULTS', ['commands', defaults[1]!.index], `Command group "${kind}" has ${defaults.length} default commands (${defaults.map((d) => d.id).join(', ')}); it must have exactly one.`, 'Set "isDefault: true" on one command of the group only.');
    } else if (defaults.length === 0) {
      add('DEVFILE-GROUP-NO-DEFAULT', ['commands', list[0]!.index], `Command group "${kind}" has ${list.length} commands and none is the default; tools cannot tell which to run.`, 'Set "isDefault: true" on one command of the group.', 'warning');
    }
  }

  // R11, R12: events name commands of the right kind.
  const events = objAt(devfile, 'events');
  for (const type of ['preStart', 'postStart', 'preStop', 'postStop']) {
    listAt(events, type).forEach((name, j) => {
      if (typeof name !== 'string') return;
      const cmd = commandsById.get(name.toLowerCase());
      if (!cmd) {
        add('DEVFILE-EVENT-COMMAND', ['events', type, j], `The ${type} event names command "${name}", which does not exist.`, `Add a command with id "${name}" or remove the entry.`);
        return;
      }
      const wanted = type === 'postStart' || type === 'preStop' ? 'exec' : 'apply';
      if (untrustedCommands.has(name.toLowerCase())) return;
      if (!commandIsAll(cmd, wanted, commandsById, new Set())) {
        add('DEVFILE-EVENT-KIND', ['events', type, j], `The ${type} event names command "${name}"; ${type} events must name an ${wanted} command or a composite of ${wanted} commands.`);
      }
    });
  }

  // R13, R14: endpoints.
  const endpointNames = new Set<string>();
  const portsSeen = new Set<number>();
  components.forEach((c, i) => {
    const type = componentType(c);
    if (type !== 'container' && type !== 'kubernetes' && type !== 'openshift') return;
    const portsHere = new Set<number>();
    listAt(objAt(c, type), 'endpoints').forEach((e, j) => {
      const name = strAt(e, 'name');
      if (name !== undefined) {
        if (endpointNames.has(name)) add('DEVFILE-ENDPOINT-NAME', ['components', i, type, 'endpoints', j, 'name'], `Endpoint name "${name}" is used more than once; endpoint names must be unique across all components.`, 'Rename the endpoint.');
        endpointNames.add(name);
      }
      const port = isRecord(e) ? e['targetPort'] : undefined;
      if (type === 'container' && typeof port === 'number' && !portsHere.has(port)) {
        portsHere.add(port);
        if (portsSeen.has(port)) add('DEVFILE-ENDPOINT-PORT', ['components', i, type, 'endpoints', j, 'targetPort'], `Target port ${port} is exposed by more than one container; containers share the network, so each port can be used by one container only.`, 'Use another port.');
      }
    });
    for (const p of portsHere) portsSeen.add(p);
  });

  // R15-R20: containers and volumes.
  const volumes = new Set(components.filter((c) => componentType(c) === 'volume').map((c) => strAt(c, 'name')));
  const annotations = { deployment: new Map<string, string>(), service: new Map<string, string>() };
  components.forEach((c, i) => {
    const name = strAt(c, 'name') ?? `#${i}`;
    const container = objAt(c, 'container');
    const volume = objAt(c, 'volume');
    if (volume) {
      const size = strAt(volume, 'size');
      if (size !== undefined && parseQuantity(size) === undefined) add('DEVFILE-QUANTITY', ['components', i, 'volume', 'size'], `Volume "${name}" has size "${size}", which is not a quantity.`, 'Write a size such as 2Gi or 1024Mi.');
    }
    if (!container) return;
    listAt(container, 'volumeMounts').forEach((m, j) => {
      const v = strAt(m, 'name');
      if (v !== undefined && !volumes.has(v) && !untrusted.has(v)) add('DEVFILE-VOLUME-MOUNT', ['components', i, 'container', 'volumeMounts', j, 'name'], `Container "${name}" mounts volume "${v}", but there is no volume component of that name.`, `Add a component "- name: ${v}" with "volume: {}" (or a size).`);
    });
    listAt(container, 'env').forEach((e, j) => {
      const n = strAt(e, 'name');
      if (n === 'PROJECT_SOURCE' || n === 'PROJECTS_ROOT') add('DEVFILE-ENV-RESERVED', ['components', i, 'container', 'env', j, 'name'], `Container "${name}" sets ${n}, which is reserved: the Dev Environment sets it to where the sources are.`, 'Use another variable name.');
    });
    const q: Record<string, number | undefined> = {};
    for (const key of ['memoryLimit', 'memoryRequest', 'cpuLimit', 'cpuRequest']) {
      const text = strAt(container, key);
      if (text === undefined) continue;
      q[key] = parseQuantity(text);
      if (q[key] === undefined) add('DEVFILE-QUANTITY', ['components', i, 'container', key], `${key} of component "${name}" is "${text}", which is not a quantity.`, 'Write a quantity such as 512Mi, 2Gi, 500m or 1.');
    }
    for (const r of ['memory', 'cpu']) {
      const req = q[`${r}Request`];
      const lim = q[`${r}Limit`];
      if (req !== undefined && lim !== undefined && req > lim) add('DEVFILE-RESOURCE-REQUEST', ['components', i, 'container', `${r}Request`], `${r}Request of component "${name}" is greater than its ${r}Limit.`, `Lower ${r}Request or raise ${r}Limit.`);
    }
    if (container['dedicatedPod'] === false) {
      for (const kind of ['deployment', 'service'] as const) {
        const ann = objAt(objAt(container, 'annotation'), kind) ?? {};
        for (const [k, v] of Object.entries(ann)) {
          const prev = annotations[kind].get(k);
          if (prev !== undefined && prev !== v) add('DEVFILE-ANNOTATION-CONFLICT', ['components', i, 'container', 'annotation', kind, k], `The ${kind} annotation "${k}" is declared by several containers with different values.`);
          annotations[kind].set(k, String(v));
        }
      }
    }
  });

  // R21: URIs.
  components.forEach((c, i) => {
    for (const type of ['kubernetes', 'openshift', 'plugin']) {
      const body = objAt(c, type);
      for (const key of type === 'plugin' ? ['uri', 'registryUrl'] : ['uri']) {
        const u = strAt(body, key);
        if (u !== undefined && !validUri(u)) add('DEVFILE-URI', ['components', i, type, key], `${key} "${u}" of component "${strAt(c, 'name') ?? i}" is not a valid URI.`);
      }
    }
  });

  // R22-R24: git remotes.
  components.forEach((c, i) => {
    const git = objAt(objAt(objAt(c, 'image'), 'dockerfile'), 'git');
    if (git) gitFindings(git, ['components', i, 'image', 'dockerfile', 'git'], `component "${strAt(c, 'name')}"`, 'exactly-one', add);
  });
  listAt(devfile, 'projects').forEach((p, i) => {
    const git = objAt(p, 'git');
    if (git) gitFindings(git, ['projects', i, 'git'], `project "${strAt(p, 'name')}"`, 'at-least-one', add);
  });
  // dependentProjects (devfile 2.2) are cloned like projects; the library checks only projects, but a clone
  // with no remote, or with two and no checkoutFrom.remote, fails or guesses the same way there.
  listAt(devfile, 'dependentProjects').forEach((p, i) => {
    const git = objAt(p, 'git');
    if (git) gitFindings(git, ['dependentProjects', i, 'git'], `dependent project "${strAt(p, 'name')}"`, 'at-least-one', add);
  });
  listAt(devfile, 'starterProjects').forEach((p, i) => {
    const git = objAt(p, 'git');
    if (git) gitFindings(git, ['starterProjects', i, 'git'], `starter project "${strAt(p, 'name')}"`, 'exactly-one', add);
  });

  return out;
}

type Add = (code: string, pointer: (string | number)[], message: string, fix?: string, severity?: Severity) => void;

function duplicates(list: readonly unknown[], key: string, report: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const v = strAt(item, key);
    if (v === undefined) return;
    if (seen.has(v)) report(i, v);
    seen.add(v);
  });
}

function knownList(types: ReadonlyMap<string, string>, allowed: readonly string[]): string {
  const names = [...types].filter(([, t]) => allowed.includes(t)).map(([n]) => n);
  return names.length > 0 ? ` Components that can run it: ${names.join(', ')}.` : '';
}

/** R6-R8: a composite names existing commands, never itself, directly or through other composites. */
function compositeFindings(c: unknown, i: number, id: string, byId: ReadonlyMap<string, Obj>, add: Add): void {
  const subs = listAt(objAt(c, 'composite'), 'commands');
  subs.forEach((sub, j) => {
    if (typeof sub !== 'string') return;
    if (sub.toLowerCase() === id.toLowerCase()) {
      add('DEVFILE-COMPOSITE-SELF', ['commands', i, 'composite', 'commands', j], `Composite command "${id}" lists itself.`, 'Remove the entry.');
      return;
    }
    const target = byId.get(sub.toLowerCase());
    if (!target) {
      add('DEVFILE-COMPOSITE-MISSING', ['commands', i, 'composite', 'commands', j], `Composite command "${id}" lists command "${sub}", which does not exist.`, 'Name a command defined under "commands".');
      return;
    }
    if (reaches(target, id.toLowerCase(), byId, new Set())) {
      add('DEVFILE-COMPOSITE-CYCLE', ['commands', i, 'composite', 'commands', j], `Composite command "${id}" runs itself again through "${sub}"; composite commands must not form a cycle.`, 'Break the cycle.');
    }
  });
}

function reaches(cmd: Obj, targetId: string, byId: ReadonlyMap<string, Obj>, seen: Set<string>): boolean {
  for (const sub of listAt(objAt(cmd, 'composite'), 'commands')) {
    if (typeof sub !== 'string') continue;
    const key = sub.toLowerCase();
    if (key === targetId) return true;
    if (seen.has(key)) continue;
    seen.add(key);
    const next = byId.get(key);
    if (next && reaches(next, targetId, byId, seen)) return true;
  }
  return false;
}

/** Whether a command is of `kind`, or a composite whose existing sub-commands all are. */
function commandIsAll(cmd: Obj, kind: string, byId: ReadonlyMap<string, Obj>, seen: Set<string>): boolean {
  const type = commandType(cmd);
  if (type === kind) return true;
  if (type !== 'composite') return false;
  for (const sub of listAt(objAt(cmd, 'composite'), 'commands')) {
    if (typeof sub !== 'string' || seen.has(sub.toLowerCase())) continue;
    seen.add(sub.toLowerCase());
    const next = byId.get(sub.toLowerCase());
    if (next && !commandIsAll(next, kind, byId, seen)) return false;
  }
  return true;
}

function gitFindings(git: Obj, at: (string | number)[], what: string, remotesRule: 'exactly-one' | 'at-least-one', add: Add): void {
  const remotes = Object.keys(objAt(git, 'remotes') ?? {});
  const checkout = strAt(objAt(git, 'checkoutFrom'), 'remote');
  if (remotes.length === 0) add('DEVFILE-GIT-REMOTE', [...at, 'remotes'], `The git source of ${what} has no remote.`, 'Add one entry under "remotes", e.g. origin: https://...');
  else if (remotesRule === 'exactly-one' && remotes.length > 1) add('DEVFILE-GIT-REMOTE', [...at, 'remotes'], `The git source of ${what} has ${remotes.length} remotes; it must have exactly one.`);
  else if (remotes.length > 1 && checkout === undefined) add('DEVFILE-GIT-REMOTE', [...at, 'remotes'], `The git source of ${what} has ${remotes.length} remotes but no checkoutFrom.remote saying which to use.`, `Add "checkoutFrom: { remote: ${remotes[0]} }".`);
  if (checkout !== undefined && !remotes.includes(checkout)) add('DEVFILE-GIT-REMOTE', [...at, 'checkoutFrom', 'remote'], `checkoutFrom.remote of ${what} is "${checkout}", which is not one of its remotes (${remotes.join(', ') || 'none'}).`);
}

/** Go's `url.ParseRequestURI` for http(s) URIs, its lenient `url.Parse` for the rest. */
function validUri(u: string): boolean {
  if (/[\u0000-\u0020\u007f]/.test(u) || /%(?![0-9A-Fa-f]{2})/.test(u) || u.startsWith(':')) return false;
  if (u.startsWith('http')) {
    try {
      new URL(u);
      return true;
    } catch {
      return false;
    }
  }
  return true;
}
