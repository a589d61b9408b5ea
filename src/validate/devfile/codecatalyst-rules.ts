import { toPointer, type Finding, type Severity } from '../../model/diagnostic.js';
import { commandType, componentType, listAt, mainComponentName, objAt, strAt } from './access.js';
import { isRecord } from '../../model/values.js';

/**
 * Layer 3: what Amazon CodeCatalyst Dev Environments run (user guide, "Supported devfile features"): devfile
 * 2.0.0, container components (and volumes, which AWS's own default devfile uses), exec commands with
 * `commandLine`, `component`, `workingDir`, and `postStart` events; public images only.
 */
export function codeCatalystFindings(devfile: unknown): Finding[] {
  if (!isRecord(devfile)) return [];
  const out: Finding[] = [];
  const add = (code: string, severity: Severity, pointer: (string | number)[], message: string, fix?: string, atKey?: boolean) =>
    out.push({ code, severity, pointer: toPointer(pointer), message, ...(fix ? { fix } : {}), ...(atKey ? { atKey } : {}) });

  const version = devfile['schemaVersion'];
  if (version !== '2.0.0') {
    add('DEVFILE-CC-SCHEMA-VERSION', 'error', ['schemaVersion'], `schemaVersion is ${JSON.stringify(version)}; CodeCatalyst Dev Environments support devfile 2.0.0 only.`, 'Use "schemaVersion: 2.0.0", or validate with --devfile-profile generic if the devfile is not for CodeCatalyst.');
  }

  let containers = 0;
  listAt(devfile, 'components').forEach((c, i) => {
    const name = strAt(c, 'name') ?? `#${i}`;
    const type = componentType(c);
    if (type !== 'container' && type !== 'volume') {
      add('DEVFILE-CC-COMPONENT-TYPE', 'error', ['components', i, type ?? 'name'], `Component "${name}" is a ${type ?? 'typeless'} component; CodeCatalyst supports container components (and volumes) only.`, 'Replace it with a container component.', true);
      return;
    }
    if (type !== 'container') return;
    containers++;
    const container = objAt(c, 'container')!;
    for (const key of Object.keys(container)) {
      if (!CONTAINER_KEYS.has(key)) {
        add('DEVFILE-CC-CONTAINER-PROPERTY', 'warning', ['components', i, 'container', key], `Container property "${key}" of component "${name}" is not among the properties CodeCatalyst documents (${[...CONTAINER_KEYS].join(', ')}); it may be ignored.`, undefined, true);
      }
    }
    const image = strAt(container, 'image');
    if (image !== undefined) imageFindings(image, ['components', i, 'container', 'image'], add);
    // The specification defaults mountSources to true; a service next to the main container should say false.
    if (containers > 1 && container['mountSources'] === undefined) {
      add('DEVFILE-CC-MOUNT-SOURCES', 'info', ['components', i, 'container'], `Container "${name}" does not set mountSources, so it mounts the project sources (the default). A sidecar service does not need them.`, 'Add "mountSources: false".');
    }
  });

  listAt(devfile, 'commands').forEach((c, i) => {
    const id = strAt(c, 'id') ?? `#${i}`;
    const type = commandType(c);
    if (type !== 'exec') {
      add('DEVFILE-CC-COMMAND-TYPE', 'error', ['commands', i, type ?? 'id'], `Command "${id}" is a ${type ?? 'typeless'} command; CodeCatalyst runs exec commands only.`, 'Rewrite it as an exec command (id, exec.component, exec.commandLine).', true);
      return;
    }
    for (const key of Object.keys(objAt(c, 'exec') ?? {})) {
      if (!EXEC_KEYS.has(key)) {
        add('DEVFILE-CC-COMMAND-PROPERTY', 'warning', ['commands', i, 'exec', key], `Exec property "${key}" of command "${id}" is not among the properties CodeCatalyst documents (commandLine, component, workingDir); it may be ignored.`, undefined, true);
      }
    }
  });

  const events = objAt(devfile, 'events');
  for (const type of ['preStart', 'preStop', 'postStop']) {
    if (events && type in events) {
      add('DEVFILE-CC-EVENT', 'error', ['events', type], `CodeCatalyst runs postStart events only; the ${type} event would never run.`, 'Move the commands to postStart, or remove the event.', true);
    }
  }
  return out;
}

const CONTAINER_KEYS = new Set(['image', 'mountSources', 'command', 'args', 'env', 'volumeMounts']);
const EXEC_KEYS = new Set(['commandLine', 'component', 'workingDir']);

const PRIVATE_ECR = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;
const UNIVERSAL = /^public\.ecr\.aws\/aws-mde\/universal-image(?::([^@]+))?(@.*)?$/;

function imageFindings(image: string, at: (string | number)[], add: (code: string, severity: Severity, pointer: (string | number)[], message: string, fix?: string) => void): void {
  if (PRIVATE_ECR.test(image)) {
    add('DEVFILE-CC-IMAGE', 'warning', at, `Image "${image}" is in a private Amazon ECR repository; CodeCatalyst pulls public images only, except in Dev Environments connected to a VPC in the repository's Region.`, 'Use a public image (e.g. from public.ecr.aws).');
    return;
  }
  if (/^(localhost|127\.|10\.|192\.168\.)/.test(image)) {
    add('DEVFILE-CC-IMAGE', 'error', at, `Image "${image}" is on a private registry address; CodeCatalyst cannot pull it.`, 'Use a public image.');
    return;
  }
  const u = UNIVERSAL.exec(image);
  if (u && !u[2]) {
    const tag = u[1];
    if (tag === undefined || tag === 'latest') {
      add('DEVFILE-CC-IMAGE', 'warning', at, `The universal image ${tag ? 'tag "latest"' : 'without a tag'} means version 3.0, not the newest (4.0), and changes when AWS moves it.`, 'Pin a tag: public.ecr.aws/aws-mde/universal-image:4.0.');
    } else if (tag !== '3.0' && tag !== '4.0') {
      add('DEVFILE-CC-IMAGE', 'warning', at, `Universal image tag "${tag}" is not one AWS supports (3.0, 4.0).`, 'Use public.ecr.aws/aws-mde/universal-image:4.0.');
    }
  }
}

/**
 * Changing `metadata.name` or the main component's name makes CodeCatalyst replace the `/home` of every Dev
 * Environment created from the devfile, unrecoverably. Compare a devfile before and after an edit.
 */
export function homeWipeFindings(previous: unknown, next: unknown): Finding[] {
  const out: Finding[] = [];
  const prevName = strAt(objAt(previous, 'metadata'), 'name');
  const nextName = strAt(objAt(next, 'metadata'), 'name');
  if (prevName !== nextName && (prevName !== undefined || nextName !== undefined)) {
    out.push({
      code: 'DEVFILE-CC-HOME-WIPE',
      severity: 'warning',
      pointer: nextName !== undefined ? '/metadata/name' : '',
      message: `metadata.name changes from ${show(prevName)} to ${show(nextName)}: CodeCatalyst replaces /home in every Dev Environment that uses this devfile, and its content cannot be recovered.`,
      fix: `Keep the name ${show(prevName)} unless losing /home is intended.`,
    });
  }
  const prevMain = mainComponentName(previous);
  const nextMain = mainComponentName(next);
  if (prevMain !== undefined && prevMain !== nextMain) {
    const index = listAt(next, 'components').findIndex((c) => strAt(c, 'name') === nextMain);
    out.push({
      code: 'DEVFILE-CC-HOME-WIPE',
      severity: 'warning',
      pointer: index >= 0 ? `/components/${index}/name` : '/components',
      message: `The main component changes from "${prevMain}" to ${show(nextMain)}: CodeCatalyst replaces /home in every Dev Environment that uses this devfile, and its content cannot be recovered.`,
      fix: `Keep the component name "${prevMain}" unless losing /home is intended.`,
    });
  }
  return out;
}

function show(v: string | undefined): string {
  return v === undefined ? 'nothing' : `"${v}"`;
}
