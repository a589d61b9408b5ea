import type { RuleDoc } from '../../rule.js';

/**
 * The workflow codes reported outside the rules of this folder: the file's shape (`../index.ts`), the canonical
 * forms the lenient pass rewrites (`../lenient.ts`) and the schema layer (`../structure.ts`).
 */
const wf = (body: string, head = 'Name: build\nSchemaVersion: "1.0"\n') => `${head}${body}Actions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm test\n`;
const GOOD = wf('');
const doc = (d: Omit<RuleDoc, 'kind'>): RuleDoc => ({ kind: 'workflow', ...d });

export const WORKFLOW_DOCUMENTED: readonly RuleDoc[] = [
  doc({
    code: 'WF-NOT-MAPPING',
    severity: 'error',
    title: 'The workflow file is not a mapping.',
    description: 'A workflow definition is a YAML mapping with Name, SchemaVersion and Actions at the top level; a list, a single value or an empty document is not a workflow.',
    bad: '- Name: build\n- SchemaVersion: "1.0"\n',
    good: GOOD,
  }),
  doc({
    code: 'WF-ACTION-AT-TOP-LEVEL',
    severity: 'error',
    title: 'An action sits at the top level of the file instead of under Actions.',
    description: 'A mapping with an Identifier at the top level is an action written outside Actions, often a fragment pasted from the documentation without its indentation. The service reads actions only under Actions.',
    bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm test\nTest:\n  Identifier: aws/managed-test@v1\n  Configuration:\n    Steps:\n      - Run: npm test\n',
    good: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Steps:\n        - Run: npm test\n  Test:\n    Identifier: aws/managed-test@v1\n    Configuration:\n      Steps:\n        - Run: npm test\n',
  }),
  doc({
    code: 'WF-TRIGGER-MANUAL',
    severity: 'error',
    title: 'A trigger has the type MANUAL, which does not exist.',
    description: 'The trigger types are PUSH, PULLREQUEST and SCHEDULE. Every workflow can be started by hand, and one without triggers runs only that way, so a manual trigger is written by leaving triggers out.',
    bad: wf('Triggers:\n  - Type: MANUAL\n'),
    good: wf('Triggers:\n  - Type: PUSH\n    Branches:\n      - main\n'),
  }),
  doc({
    code: 'WF-LENIENT-SCHEMA-VERSION',
    severity: 'warning',
    title: 'SchemaVersion is the number 1.0 rather than the string "1.0".',
    description: 'The service accepts SchemaVersion: 1.0 unquoted, but the documented form is the string "1.0"; a YAML number may be printed back as 1 by other tools.',
    bad: wf('', 'Name: build\nSchemaVersion: 1.0\n'),
    good: GOOD,
  }),
  doc({
    code: 'WF-LENIENT-TRIGGER-TYPE',
    severity: 'warning',
    title: 'A trigger type is not in its documented uppercase form.',
    description: 'The service accepts Type: Push or pullrequest, but the documented forms are PUSH, PULLREQUEST and SCHEDULE; validate checks the rest of the file as if the canonical form were written.',
    bad: wf('Triggers:\n  - Type: Push\n    Branches:\n      - main\n'),
    good: wf('Triggers:\n  - Type: PUSH\n    Branches:\n      - main\n'),
  }),
  doc({
    code: 'WF-LENIENT-EVENT',
    severity: 'warning',
    title: 'A pull request trigger lists events in lowercase.',
    description: 'The service accepts pull request events such as open or revision, but the documented forms are OPEN, REVISION and CLOSED.',
    bad: wf('Triggers:\n  - Type: PULLREQUEST\n    Events:\n      - open\n    Branches:\n      - main\n'),
    good: wf('Triggers:\n  - Type: PULLREQUEST\n    Events:\n      - OPEN\n    Branches:\n      - main\n'),
  }),
  doc({
    code: 'WF-LENIENT-COMPUTE-TYPE',
    severity: 'warning',
    title: 'A compute type is not in its canonical uppercase form.',
    description: 'The service accepts Compute Type: ec2 or Lambda, but the canonical forms are EC2 and LAMBDA.',
    bad: wf('Compute:\n  Type: ec2\n'),
    good: wf('Compute:\n  Type: EC2\n'),
  }),
  doc({
    code: 'WF-LENIENT-SHARED-INSTANCE',
    severity: 'warning',
    title: 'Compute.SharedInstance is a boolean or not uppercase.',
    description: 'The service accepts SharedInstance: true, but the canonical form is the string "TRUE" or "FALSE".',
    bad: wf('Compute:\n  Type: EC2\n  SharedInstance: true\n'),
    good: wf('Compute:\n  Type: EC2\n  SharedInstance: "TRUE"\n'),
  }),
  doc({
    code: 'WF-LENIENT-MAP-FORM',
    severity: 'warning',
    title: 'Input variables or output artifacts are written as a mapping instead of a list.',
    description: 'The documented forms are lists: Inputs.Variables of {Name, Value} and Outputs.Artifacts of {Name, Files}. The mapping form is accepted by the service but not documented.',
    bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Inputs:\n      Variables:\n        STAGE: prod\n    Configuration:\n      Steps:\n        - Run: npm test\n',
    good: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Inputs:\n      Variables:\n        - Name: STAGE\n          Value: prod\n    Configuration:\n      Steps:\n        - Run: npm test\n',
  }),
  doc({
    code: 'WF-LENIENT-CFN-PARAMETERS',
    severity: 'warning',
    title: "A CloudFormation deploy action's settings are nested under Parameters.",
    description: 'The blueprint SDK once wrote the aws/cfn-deploy settings under Configuration.Parameters; the documented form puts name, region, template and the rest directly under Configuration.',
    bad: 'Name: deploy\nSchemaVersion: "1.0"\nActions:\n  Deploy:\n    Identifier: aws/cfn-deploy@v1\n    Environment:\n      Name: prod\n      Connections:\n        - Name: prod-account\n          Role: deploy-role\n    Configuration:\n      Parameters:\n        name: app\n        region: us-east-1\n        template: template.yaml\n',
    good: 'Name: deploy\nSchemaVersion: "1.0"\nActions:\n  Deploy:\n    Identifier: aws/cfn-deploy@v1\n    Environment:\n      Name: prod\n      Connections:\n        - Name: prod-account\n          Role: deploy-role\n    Configuration:\n      name: app\n      region: us-east-1\n      template: template.yaml\n',
  }),
  doc({
    code: 'WF-SCHEMA',
    family: true,
    severity: 'error',
    title: 'The workflow does not match the workflow schema (WF-SCHEMA-<keyword>: REQUIRED, ADDITIONALPROPERTIES, TYPE, ENUM, ...).',
    description:
      "The structural layer checks the file against this project's workflow schema (catalyst-gen schema workflow): required keys, unknown keys (with a did-you-mean), types and allowed values. Each action's Configuration is checked against the schema of its Identifier's action, so one mistake gives one message; configurations of actions of other owners are free. The code ends in the JSON schema keyword that failed.",
    bad: 'Name: build\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n    Configuration:\n      Step:\n        - Run: npm test\n',
    good: GOOD,
  }),
];
