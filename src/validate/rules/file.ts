import type { RuleDoc } from '../rule.js';

/** The codes that say a file could not be checked as a devfile, workflow or buildspec (`../file-core.ts`). */
const BUILDSPEC = 'version: 0.2\nphases:\n  build:\n    commands:\n      - npm test\n';

export const FILE_RULE_DOCS: readonly RuleDoc[] = [
  {
    code: 'VALIDATE-NOT-TEXT',
    kind: 'file',
    severity: 'error',
    title: 'The file holds binary data.',
    description: 'A file named explicitly that is not text (an image, an archive) cannot be a devfile, workflow or buildspec. Git hooks given every staged file can pass --skip-unknown to skip it.',
    examplePath: 'devfile.yaml',
    bad: 'schemaVersion: 2.0.0\u0000\u0001\u0002',
    good: 'schemaVersion: 2.0.0\nmetadata:\n  name: app\ncomponents:\n  - name: dev\n    container:\n      image: public.ecr.aws/aws-mde/universal-image:4.0\n',
  },
  {
    code: 'VALIDATE-NOT-YAML',
    kind: 'file',
    severity: 'error',
    title: 'A file named explicitly is neither YAML nor JSON, nor a devfile, workflow or buildspec by content.',
    description: 'validate checks devfiles, workflows and buildspecs. A file whose name does not end in .yaml, .yml or .json and whose content is none of them is refused; name its kind with --kind if it is one, or let a Git hook pass --skip-unknown.',
    examplePath: 'notes.txt',
    bad: 'Release notes: nothing yet.\n',
    good: BUILDSPEC,
  },
  {
    code: 'VALIDATE-KIND-UNKNOWN',
    kind: 'file',
    severity: 'warning',
    title: 'Only the YAML or JSON syntax of a file was checked: its kind is unknown.',
    description: 'Neither the path nor the content says whether the file is a devfile, a workflow or a buildspec, so only its syntax was checked. Name its kind with --kind, or give it a name that says it (devfile.yaml, .codecatalyst/workflows/*.yaml, buildspec.yml).',
    examplePath: 'config.yaml',
    bad: 'name: app\n',
    good: BUILDSPEC,
  },
];
