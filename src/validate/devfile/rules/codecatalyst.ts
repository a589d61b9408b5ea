import { toPointer } from '../../../model/diagnostic.js';
import type { Report } from '../../rule.js';
import { objAt, strAt } from '../access.js';
import { commandId, commandType, componentType, type DevfileRule } from './context.js';
import { dev, devfile, exec } from './examples.js';

/**
 * Layer 3: what Amazon CodeCatalyst Dev Environments run (user guide, "Supported devfile features"): devfile
 * 2.0.0, container components (and volumes, which AWS's own default devfile uses), exec commands with
 * `commandLine`, `component`, `workingDir`, and `postStart` events; public images only.
 */
const CONTAINER_KEYS = new Set(['image', 'mountSources', 'command', 'args', 'env', 'volumeMounts']);
const EXEC_KEYS = new Set(['commandLine', 'component', 'workingDir']);

const PRIVATE_ECR = /^\d{12}\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;
const UNIVERSAL = /^public\.ecr\.aws\/aws-mde\/universal-image(?::([^@]+))?(@.*)?$/;

/** What is wrong with a container image for CodeCatalyst, if anything. */
function imageFault(image: string): Omit<Report, 'pointer'> | undefined {
  if (PRIVATE_ECR.test(image)) {
    return {
      severity: 'warning',
      message: `Image "${image}" is in a private Amazon ECR repository; CodeCatalyst pulls public images only, except in Dev Environments connected to a VPC in the repository's Region.`,
      fix: 'Use a public image (e.g. from public.ecr.aws).',
    };
  }
  if (/^(localhost|127\.|10\.|192\.168\.)/.test(image)) return { message: `Image "${image}" is on a private registry address; CodeCatalyst cannot pull it.`, fix: 'Use a public image.' };
  const u = UNIVERSAL.exec(image);
  if (!u || u[2]) return undefined;
  const tag = u[1];
  if (tag === undefined || tag === 'latest') {
    return {
      severity: 'warning',
      message: `The universal image ${tag ? 'tag "latest"' : 'without a tag'} means version 3.0, not the newest (4.0), and changes when AWS moves it.`,
      fix: 'Pin a tag: public.ecr.aws/aws-mde/universal-image:4.0.',
    };
  }
  if (tag !== '3.0' && tag !== '4.0') return { severity: 'warning', message: `Universal image tag "${tag}" is not one AWS supports (3.0, 4.0).`, fix: 'Use public.ecr.aws/aws-mde/universal-image:4.0.' };
  return undefined;
}

export const ccSchemaVersion: DevfileRule = {
  kind: 'devfile',
    code: 'DEVFILE-CC-SCHEMA-VERSION',
    severity: 'error',
    title: 'CodeCatalyst Dev Environments support devfile 2.0.0 only.',
    description: 'With the CodeCatalyst profile (the default), schemaVersion must be 2.0.0. Validate with --devfile-profile generic for a devfile meant for other tools.',
    bad: devfile(dev()),
    good: devfile(dev(), '', '2.0.0'),
  check(ctx) {
    const version = ctx.devfile['schemaVersion'];
    if (version === '2.0.0') return;
    ctx.report({
      pointer: '/schemaVersion',
      message: `schemaVersion is ${JSON.stringify(version)}; CodeCatalyst Dev Environments support devfile 2.0.0 only.`,
      fix: 'Use "schemaVersion: 2.0.0", or validate with --devfile-profile generic if the devfile is not for CodeCatalyst.',
    });
  },
};

export const ccComponentType: DevfileRule = {
  kind: 'devfile',
    code: 'DEVFILE-CC-COMPONENT-TYPE',
    severity: 'error',
    title: 'A component is neither a container nor a volume.',
    description: 'CodeCatalyst runs container components (and volumes, which its own default devfile uses); kubernetes, openshift, image and plugin components are not supported.',
    bad: devfile(`${dev()}  - name: deploy\n    kubernetes:\n      uri: https://example.com/deploy.yaml\n`, '', '2.0.0'),
    good: devfile(dev(), '', '2.0.0'),
  check(ctx) {
    ctx.components.forEach((c, i) => {
      const type = componentType(c);
      if (type === 'container' || type === 'volume') return;
      ctx.report({
        pointer: toPointer(['components', i, type ?? 'name']),
        atKey: true,
        message: `Component "${strAt(c, 'name') ?? `#${i}`}" is a ${type ?? 'typeless'} component; CodeCatalyst supports container components (and volumes) only.`,
        fix: 'Replace it with a container component.',
      });
    });
  },
};

export const ccContainerProperty: DevfileRule = {
  kind: 'devfile',
    code: 'DEVFILE-CC-CONTAINER-PROPERTY',
    severity: 'warning',
    title: 'A container property CodeCatalyst does not document.',
    description: 'CodeCatalyst documents a subset of the container properties (image, mountSources, command, args, env, volumeMounts, memoryLimit, ...); others may be ignored.',
    bad: devfile(dev('      dedicatedPod: true\n'), '', '2.0.0'),
    good: devfile(dev(), '', '2.0.0'),
  check(ctx) {
    ctx.components.forEach((c, i) => {
      if (componentType(c) !== 'container') return;
      for (const key of Object.keys(objAt(c, 'container')!)) {
        if (CONTAINER_KEYS.has(key)) continue;
        ctx.report({
          pointer: toPointer(['components', i, 'container', key]),
          atKey: true,
          message: `Container property "${key}" of component "${strAt(c, 'name') ?? `#${i}`}" is not among the properties CodeCatalyst documents (${[...CONTAINER_KEYS].join(', ')}); it may be ignored.`,
        });
      }
    });
  },
};

export const ccMountSources: DevfileRule = {
  kind: 'devfile',
    code: 'DEVFILE-CC-MOUNT-SOURCES',
    severity: 'info',
    title: 'A second container mounts the project sources by default.',
    description: 'mountSources defaults to true, so a sidecar service (a database, a cache) mounts the sources it does not need. Say mountSources: false.',
    bad: devfile(`${dev()}  - name: db\n    container:\n      image: public.ecr.aws/docker/library/postgres:16\n`, '', '2.0.0'),
    good: devfile(`${dev()}  - name: db\n    container:\n      image: public.ecr.aws/docker/library/postgres:16\n      mountSources: false\n`, '', '2.0.0'),
  check(ctx) {
    // The specification defaults mountSources to true; a service next to the main container should say false.
    let containers = 0;
    ctx.components.forEach((c, i) => {
      if (componentType(c) !== 'container') return;
      containers++;
      if (containers === 1 || objAt(c, 'container')!['mountSources'] !== undefined) return;
      ctx.report({
        pointer: toPointer(['components', i, 'container']),
        message: `Container "${strAt(c, 'name') ?? `#${i}`}" does not set mountSources, so it mounts the project sources (the default). A sidecar service does not need them.`,
        fix: 'Add "mountSources: false".',
      });
    });
  },
};

export const ccImage: DevfileRule = {
  kind: 'devfile',
    code: 'DEVFILE-CC-IMAGE',
    severity: 'error',
    title: 'A container image CodeCatalyst cannot pull, or a universal image tag that moves.',
    description:
      'CodeCatalyst pulls public images only: an image on a private registry address is an error, one in a private Amazon ECR repository a warning (it works only in Dev Environments connected to a VPC). The universal image without a tag or with latest means 3.0, not the newest, and moves: a warning, as is a tag AWS does not support.',
    bad: devfile('  - name: dev\n    container:\n      image: localhost:5000/dev:1\n', '', '2.0.0'),
    good: devfile(dev(), '', '2.0.0'),
  check(ctx) {
    ctx.components.forEach((c, i) => {
      if (componentType(c) !== 'container') return;
      const image = strAt(objAt(c, 'container'), 'image');
      if (image === undefined) return;
      const fault = imageFault(image);
      if (fault) ctx.report({ pointer: toPointer(['components', i, 'container', 'image']), ...fault });
    });
  },
};

export const ccCommandType: DevfileRule = {
  kind: 'devfile',
    code: 'DEVFILE-CC-COMMAND-TYPE',
    severity: 'error',
    title: 'A command is not an exec command.',
    description: 'CodeCatalyst runs exec commands only (id, exec.component, exec.commandLine, exec.workingDir); composite and apply commands are not supported.',
    bad: devfile(dev(), `commands:\n${exec('test', 'dev')}  - id: all\n    composite:\n      commands:\n        - test\n`, '2.0.0'),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}`, '2.0.0'),
  check(ctx) {
    ctx.commands.forEach((c, i) => {
      const type = commandType(c);
      if (type === 'exec') return;
      ctx.report({
        pointer: toPointer(['commands', i, type ?? 'id']),
        atKey: true,
        message: `Command "${commandId(c, i)}" is a ${type ?? 'typeless'} command; CodeCatalyst runs exec commands only.`,
        fix: 'Rewrite it as an exec command (id, exec.component, exec.commandLine).',
      });
    });
  },
};

export const ccCommandProperty: DevfileRule = {
  kind: 'devfile',
    code: 'DEVFILE-CC-COMMAND-PROPERTY',
    severity: 'warning',
    title: 'An exec command property CodeCatalyst does not document.',
    description: 'CodeCatalyst documents commandLine, component and workingDir for exec commands; others (group, env, hotReloadCapable, ...) may be ignored.',
    bad: devfile(dev(), `commands:\n${exec('test', 'dev', '      hotReloadCapable: true\n')}`, '2.0.0'),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}`, '2.0.0'),
  check(ctx) {
    ctx.commands.forEach((c, i) => {
      if (commandType(c) !== 'exec') return;
      for (const key of Object.keys(objAt(c, 'exec') ?? {})) {
        if (EXEC_KEYS.has(key)) continue;
        ctx.report({
          pointer: toPointer(['commands', i, 'exec', key]),
          atKey: true,
          message: `Exec property "${key}" of command "${commandId(c, i)}" is not among the properties CodeCatalyst documents (commandLine, component, workingDir); it may be ignored.`,
        });
      }
    });
  },
};

export const ccEvent: DevfileRule = {
  kind: 'devfile',
    code: 'DEVFILE-CC-EVENT',
    severity: 'error',
    title: 'An event other than postStart.',
    description: 'CodeCatalyst runs postStart events only; commands under preStart, preStop or postStop would never run.',
    bad: devfile(dev(), `commands:\n${exec('install', 'dev')}events:\n  preStop:\n    - install\n`, '2.0.0'),
    good: devfile(dev(), `commands:\n${exec('install', 'dev')}events:\n  postStart:\n    - install\n`, '2.0.0'),
  check(ctx) {
    const events = objAt(ctx.devfile, 'events');
    for (const type of ['preStart', 'preStop', 'postStop']) {
      if (!events || !(type in events)) continue;
      ctx.report({ pointer: toPointer(['events', type]), atKey: true, message: `CodeCatalyst runs postStart events only; the ${type} event would never run.`, fix: 'Move the commands to postStart, or remove the event.' });
    }
  },
};
