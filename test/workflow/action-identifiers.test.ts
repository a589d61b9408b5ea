import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { readSchema } from '../../src/validate/schemas.js';
import { lenientWorkflowSchema } from '../../src/validate/workflow/lenient-schema.js';
import { AWS_ACTION_IDENTIFIERS, AWS_ACTIONS, awsIdentifierPattern } from '../../src/wire/aws-actions.js';
import { check, codes, errorsOf } from './helpers.js';

const workflow = (identifier: string, configuration = '      Steps:\n        - Run: make\n') =>
  `Name: w\nSchemaVersion: "1.0"\nActions:\n  Step:\n    Identifier: ${identifier}\n    Configuration:\n${configuration}`;

type Json = Record<string, any>;
const schema = readSchema('workflow') as Json;

describe('aws/ action identifiers', () => {
  it.each([
    ['aws/bulid@v1', 'WF-IDENTIFIER-UNKNOWN', 'aws/build@v1'],
    ['aws/build@v9', 'WF-IDENTIFIER-VERSION', 'aws/build@v1'],
    ['aws/s3-publish@v0', 'WF-IDENTIFIER-VERSION', 'aws/s3-publish@v1'],
    ['aws/cdk-deploy@v3.0.1', 'WF-IDENTIFIER-VERSION', 'aws/cdk-deploy@v2'],
    ['aws/build', 'WF-IDENTIFIER-VERSION', 'aws/build@v1'],
    ['aws/managed-tests@v1.0.0', 'WF-IDENTIFIER-UNKNOWN', 'aws/managed-test@v1.0.0'],
  ])('%s is an error at the identifier, suggesting %s', (identifier, code, suggestion) => {
    const d = check(workflow(identifier));
    const errors = errorsOf(d);
    // One fault, one message: the schema's pattern error at the same place is not shown beside it.
    expect(errors.map((e) => e.code), JSON.stringify(d, null, 1)).toEqual([code]);
    expect(errors[0]!.line).toBe(5);
    expect(errors[0]!.col).toBe(17);
    expect(errors[0]!.fix).toBe(`Did you mean "${suggestion}"?`);
  });

  it.each(['aws/build@v1', 'aws/build@v1.0.12', 'aws/cdk-bootstrap@v2.0.1', 'codecatalyst-labs/push-to-ecr@v1.0.3', 'sonar/sonarcloud-scan@v1.0.7', '.'])('%s passes without an error', (identifier) => {
    const configuration = identifier.startsWith('aws/cdk') ? '      Region: eu-west-1\n' : undefined;
    const text = workflow(identifier, configuration).replace('Actions:\n  Step:\n', `Actions:\n  Step:\n${identifier.startsWith('aws/cdk') ? '    Environment: {Name: dev, Connections: [{Name: dev-account, Role: Deploy}]}\n' : ''}`);
    expect(errorsOf(check(text))).toEqual([]);
  });

  it('the internal pre-release names stay a warning', () => {
    const d = check(workflow('aws/build-beta@v1.0.0'));
    expect(errorsOf(d)).toEqual([]);
    expect(codes(d)).toContain('WF-IDENTIFIER-PRERELEASE');
  });

  it.each([
    ['aws/ecs-render-task-definition@v1', '      task-definition: task.json\n      container-definition: web\n', 'container-definition-name'],
    ['aws/publish-blueprint-action@v1', '      ArtifactPackagePath: dist/package.tgz\n      PackageJsonPath: package.json\n', 'PackageJSONPath'],
    ['aws/s3-publish@v1', '      SourcePath: out\n      DestinationBucket: b\n', 'DestinationBucketName'],
  ])('%s: an unknown Configuration key is an error with the key it resembles', (identifier, configuration, expected) => {
    const errors = errorsOf(check(workflow(identifier, configuration)));
    const unknown = errors.find((e) => e.code === 'WF-SCHEMA-ADDITIONALPROPERTIES');
    expect(unknown, JSON.stringify(errors, null, 1)).toBeDefined();
    expect(unknown!.line).toBe(8);
    expect(unknown!.fix).toContain(expected);
  });
});

describe('the workflow schema follows the action list (src/wire/aws-actions.ts)', () => {
  it('offers every current identifier as an example and rejects unknown aws/ identifiers', () => {
    const id = schema['definitions']['Action']['properties']['Identifier'];
    expect(id.examples).toEqual(AWS_ACTION_IDENTIFIERS);
    expect(id.pattern).toBe(`^(?!aws/)|${awsIdentifierPattern()}`);
    const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);
    const doc = (identifier: string) => ({ Name: 'w', SchemaVersion: '1.0', Actions: { A: { Identifier: identifier } } });
    expect(validate(doc('aws/bulid@v1'))).toBe(false);
    expect(validate(doc('codecatalyst-labs/push-to-ecr@v1'))).toBe(true);
  });

  it("selects each action's Configuration schema by the versions the list gives, with exactly the keys the list gives", () => {
    const branches = (schema['definitions']['Action']['allOf'] as Json[]).map((b) => ({
      pattern: b['if']['properties']['Identifier']['pattern'] as string,
      ref: String(b['then']['properties']['Configuration']['$ref']).replace('#/definitions/', ''),
    }));
    for (const [name, spec] of Object.entries(AWS_ACTIONS)) {
      const branch = branches.find((b) => b.pattern === awsIdentifierPattern([name]));
      if (!('configuration' in spec)) {
        expect(branch, name).toBeUndefined();
        continue;
      }
      expect(branch, `${name}: no Configuration branch with pattern ${awsIdentifierPattern([name])}`).toBeDefined();
      let def = schema['definitions'][branch!.ref] as Json;
      if (def['else']) def = schema['definitions'][String(def['else']['$ref']).replace('#/definitions/', '')]; // cfn-deploy: the flat form
      expect(Object.keys(def['properties']).sort(), name).toEqual([...spec.configuration].sort());
    }
    expect(branches).toHaveLength(Object.values(AWS_ACTIONS).filter((a) => 'configuration' in a).length);
  });

  it('the strict and lenient schemas have distinct $ids', () => {
    const lenient = lenientWorkflowSchema(schema);
    expect(lenient['$id']).toBe('https://catalyst-gen.dev/schemas/workflow.lenient.schema.json');
    expect(lenient['$id']).not.toBe(schema['$id']);
  });
});
