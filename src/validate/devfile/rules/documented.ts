import type { RuleDoc } from '../../rule.js';
import { dev, devfile, GENERIC } from './examples.js';

/**
 * The devfile codes reported outside the rules of this folder: the schema layer (`../schema-layer.ts`,
 * `../versions.ts`), variables (`../variables.ts`), an edit's comparison with the devfile before it
 * (`../codecatalyst-rules.ts`) and the YAML 1.1 reading of the devfile tooling (`../yaml11-booleans.ts`).
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
