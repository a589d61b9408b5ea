import type { RuleDoc } from '../../rule.js';

/** Builders of the small devfiles the rules' examples are made of. */
export const IMAGE = 'public.ecr.aws/aws-mde/universal-image:4.0';
/** A devfile of `version` whose components (and optional commands, events...) follow. */
export const devfile = (components: string, rest = '', version = '2.2.0') => `schemaVersion: ${version}\nmetadata:\n  name: app\ncomponents:\n${components}${rest}`;
/** The main container, `extra` lines under its `container:`. */
export const dev = (extra = '') => `  - name: dev\n    container:\n      image: ${IMAGE}\n${extra}`;
export const exec = (id: string, component: string, extra = '') => `  - id: ${id}\n    exec:\n      component: ${component}\n      commandLine: npm test\n${extra}`;
/** The specification's rules' examples are checked without the CodeCatalyst profile, which refuses what they use. */
export const GENERIC = { devfileProfile: 'generic' } as const;
export const specDoc = <R extends Omit<RuleDoc, 'kind' | 'exampleOptions'>>(d: R): R & Pick<RuleDoc, 'kind' | 'exampleOptions'> => ({ kind: 'devfile', exampleOptions: GENERIC, ...d });
