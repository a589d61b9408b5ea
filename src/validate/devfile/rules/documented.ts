import type { RuleDoc } from '../../rule.js';
import { dev, devfile, exec, GENERIC } from './examples.js';

/**
 * The devfile codes reported outside the rules of this folder: the schema layer (`../schema-layer.ts`,
 * `../versions.ts`), variables (`../variables.ts`), the CodeCatalyst profile (`../codecatalyst-rules.ts`) and the
 * YAML 1.1 reading of the devfile tooling (`../yaml11-booleans.ts`).
 */
const spec = (d: Omit<RuleDoc, 'kind' | 'exampleOptions'>): RuleDoc => ({ kind: 'devfile', exampleOptions: GENERIC, ...d });
const cc = (d: Omit<RuleDoc, 'kind'>): RuleDoc => ({ kind: 'devfile', ...d });

export const DEVFILE_DOCUMENTED: readonly RuleDoc[] = [
  spec({
    code: 'DEVFILE-SCHEMA',
    family: true,
    severity: 'error',
    title: 'The devfile does not match the devfile schema of its schemaVersion (DEVFILE-SCHEMA-<keyword>: REQUIRED, ADDITIONALPROPERTIES, TYPE, ENUM, MAXLENGTH, ...).',
    description:
      "The first layer checks the file against the official devfile schema of the version its schemaVersion names (2.0.0, 2.1.0, 2.2.x, 2.3.x): required keys, unknown keys, types, allowed values and lengths. Keys and values that arrived in a later version than the file says are reported as that version's schema would. DEVFILE-SCHEMA-TYPE at the document itself means the file is not a mapping.",
    bad: devfile('  - name: dev\n    container:\n      imag: public.ecr.aws/aws-mde/universal-image:4.0\n'),
    good: devfile(dev()),
  }),
  spec({
    code: 'DEVFILE-SCHEMA-VERSION',
    severity: 'error',
    title: 'schemaVersion names no devfile version.',
    description: 'The devfile versions are 2.0.0, 2.1.0, 2.2.x and 2.3.x; the schema, and so every other rule, depends on it.',
    bad: devfile(dev(), '', '3.0.0'),
    good: devfile(dev()),
  }),
  spec({
    code: 'DEVFILE-V1',
    severity: 'error',
    title: 'The file is a devfile v1 (apiVersion), which devfile 2.x tools do not read.',
    description:
      'Devfile v1 (apiVersion: 1.0.0, the Eclipse Che 6/7 format) is not read by devfile 2.x tools, CodeCatalyst among them. The message says what to change; the devfile guide\'s "Migrating to devfile v2" lists every change.',
    bad: 'apiVersion: 1.0.0\nmetadata:\n  name: app\ncomponents:\n  - type: dockerimage\n    alias: dev\n    image: node:20\n    memoryLimit: 512Mi\n',
    good: devfile(dev()),
  }),
  spec({
    code: 'DEVFILE-VARIABLE',
    severity: 'warning',
    title: 'A {{variable}} reference names a variable the devfile does not define.',
    description: 'Devfiles from 2.1.0 replace {{name}} with the value under variables; an undefined one is left as written (unless a parent devfile defines it), so a command or image would hold the braces.',
    bad: devfile(dev('      env:\n        - name: STAGE\n          value: "{{stage}}"\n'), 'variables:\n  stag: dev\n'),
    good: devfile(dev('      env:\n        - name: STAGE\n          value: "{{stage}}"\n'), 'variables:\n  stage: dev\n'),
  }),
  spec({
    code: 'DEVFILE-VARIABLE-NOT-REPLACED',
    severity: 'warning',
    title: 'A {{variable}} reference sits where the devfile library does not replace variables.',
    description: 'Variables are replaced in components, commands and projects, not in metadata or events, nor in what says where to fetch the parent from: there the braces stay as written.',
    bad: devfile(dev(), 'variables:\n  app: web\n').replace('name: app\n', 'name: "{{app}}"\n'),
    good: devfile(dev(), 'variables:\n  app: web\n'),
  }),
  spec({
    code: 'DEVFILE-YAML11-BOOLEAN',
    severity: 'warning',
    title: 'A plain yes, no, on, off, y or n that the devfile tooling reads as a boolean.',
    description: 'YAML 1.2 reads plain yes as the string "yes", but the Go YAML reader of the devfile tooling (YAML 1.1) reads it as true, so Dev Environments may see a boolean where a string was meant, or refuse the devfile. Quote such values.',
    bad: devfile(dev('      env:\n        - name: DEBUG\n          value: yes\n')),
    good: devfile(dev('      env:\n        - name: DEBUG\n          value: "yes"\n')),
  }),
  cc({
    code: 'DEVFILE-CC-SCHEMA-VERSION',
    severity: 'error',
    title: 'CodeCatalyst Dev Environments support devfile 2.0.0 only.',
    description: 'With the CodeCatalyst profile (the default), schemaVersion must be 2.0.0. Validate with --devfile-profile generic for a devfile meant for other tools.',
    bad: devfile(dev()),
    good: devfile(dev(), '', '2.0.0'),
  }),
  cc({
    code: 'DEVFILE-CC-COMPONENT-TYPE',
    severity: 'error',
    title: 'A component is neither a container nor a volume.',
    description: 'CodeCatalyst runs container components (and volumes, which its own default devfile uses); kubernetes, openshift, image and plugin components are not supported.',
    bad: devfile(`${dev()}  - name: deploy\n    kubernetes:\n      uri: https://example.com/deploy.yaml\n`, '', '2.0.0'),
    good: devfile(dev(), '', '2.0.0'),
  }),
  cc({
    code: 'DEVFILE-CC-CONTAINER-PROPERTY',
    severity: 'warning',
    title: 'A container property CodeCatalyst does not document.',
    description: 'CodeCatalyst documents a subset of the container properties (image, mountSources, command, args, env, volumeMounts, memoryLimit, ...); others may be ignored.',
    bad: devfile(dev('      dedicatedPod: true\n'), '', '2.0.0'),
    good: devfile(dev(), '', '2.0.0'),
  }),
  cc({
    code: 'DEVFILE-CC-MOUNT-SOURCES',
    severity: 'info',
    title: 'A second container mounts the project sources by default.',
    description: 'mountSources defaults to true, so a sidecar service (a database, a cache) mounts the sources it does not need. Say mountSources: false.',
    bad: devfile(`${dev()}  - name: db\n    container:\n      image: public.ecr.aws/docker/library/postgres:16\n`, '', '2.0.0'),
    good: devfile(`${dev()}  - name: db\n    container:\n      image: public.ecr.aws/docker/library/postgres:16\n      mountSources: false\n`, '', '2.0.0'),
  }),
  cc({
    code: 'DEVFILE-CC-COMMAND-TYPE',
    severity: 'error',
    title: 'A command is not an exec command.',
    description: 'CodeCatalyst runs exec commands only (id, exec.component, exec.commandLine, exec.workingDir); composite and apply commands are not supported.',
    bad: devfile(dev(), `commands:\n${exec('test', 'dev')}  - id: all\n    composite:\n      commands:\n        - test\n`, '2.0.0'),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}`, '2.0.0'),
  }),
  cc({
    code: 'DEVFILE-CC-COMMAND-PROPERTY',
    severity: 'warning',
    title: 'An exec command property CodeCatalyst does not document.',
    description: 'CodeCatalyst documents commandLine, component and workingDir for exec commands; others (group, env, hotReloadCapable, ...) may be ignored.',
    bad: devfile(dev(), `commands:\n${exec('test', 'dev', '      hotReloadCapable: true\n')}`, '2.0.0'),
    good: devfile(dev(), `commands:\n${exec('test', 'dev')}`, '2.0.0'),
  }),
  cc({
    code: 'DEVFILE-CC-EVENT',
    severity: 'error',
    title: 'An event other than postStart.',
    description: 'CodeCatalyst runs postStart events only; commands under preStart, preStop or postStop would never run.',
    bad: devfile(dev(), `commands:\n${exec('install', 'dev')}events:\n  preStop:\n    - install\n`, '2.0.0'),
    good: devfile(dev(), `commands:\n${exec('install', 'dev')}events:\n  postStart:\n    - install\n`, '2.0.0'),
  }),
  cc({
    code: 'DEVFILE-CC-IMAGE',
    severity: 'error',
    title: 'A container image CodeCatalyst cannot pull, or a universal image tag that moves.',
    description:
      'CodeCatalyst pulls public images only: an image on a private registry address is an error, one in a private Amazon ECR repository a warning (it works only in Dev Environments connected to a VPC). The universal image without a tag or with latest means 3.0, not the newest, and moves: a warning, as is a tag AWS does not support.',
    bad: devfile('  - name: dev\n    container:\n      image: localhost:5000/dev:1\n', '', '2.0.0'),
    good: devfile(dev(), '', '2.0.0'),
  }),
  cc({
    code: 'DEVFILE-CC-HOME-WIPE',
    severity: 'warning',
    title: "An edit changes metadata.name or the main component's name, which wipes /home.",
    description:
      "Changing metadata.name or the name of the main (first) container makes CodeCatalyst replace /home in every Dev Environment created from the devfile, and its content cannot be recovered. Reported when a devfile is edited or updated (devfile commands, update), comparing it with the version before.",
    previous: devfile(dev(), '', '2.0.0'),
    bad: devfile(dev(), '', '2.0.0').replace('name: app', 'name: web'),
    good: devfile(dev('      memoryLimit: 4Gi\n'), '', '2.0.0'),
  }),
];
