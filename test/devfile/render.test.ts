import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  dynamoDbLocalSidecar,
  postgresSidecar,
  redisSidecar,
  renderDevfile,
  renderDevfilePart,
  serializeYaml,
  validateDevfile,
  type DevfileDef,
} from '../../src/index.js';
import { officialDevfileSchema } from './official-schemas.js';

const walkthrough: DevfileDef = {
  metadata: { displayName: 'AWS Universal + DynamoDB Local', description: 'Universal image with a DynamoDB Local sidecar', tags: ['aws', 'a12'], projectType: 'aws' },
  sidecars: [dynamoDbLocalSidecar()],
  commands: [
    { id: 'install-dependencies', commandLine: 'pip install -r requirements-dev.txt', postStart: true },
    { id: 'unit-tests', commandLine: 'pytest -k unit' },
  ],
};

const variants: [string, DevfileDef][] = [
  ['default', {}],
  ['walkthrough (DynamoDB Local)', walkthrough],
  ['all sidecars', { sidecars: [dynamoDbLocalSidecar(), postgresSidecar(), redisSidecar()], main: { env: { NODE_ENV: 'development', PORT: '3000' } } }],
  ['no docker store, extra volume, pinned 3.0', { dockerStore: false, main: { image: 'public.ecr.aws/aws-mde/universal-image:3.0', volumeMounts: [{ name: 'cache', path: '/cache' }] }, volumes: [{ name: 'cache', size: '2Gi' }] }],
];

describe('renderDevfile', () => {
  it('renders AWS default devfile shape by default: 2.0.0, universal image 4.0, aws-runtime mounting sources, docker-store', () => {
    expect(renderDevfile()).toEqual({
      schemaVersion: '2.0.0',
      metadata: { name: 'aws-universal', version: '1.0.1' },
      components: [
        {
          name: 'aws-runtime',
          container: { image: 'public.ecr.aws/aws-mde/universal-image:4.0', mountSources: true, volumeMounts: [{ name: 'docker-store', path: '/var/lib/docker' }] },
        },
        { name: 'docker-store', volume: { size: '16Gi' } },
      ],
    });
  });

  it('puts the DynamoDB Local sidecar beside the main container, exporting IS_LOCAL and the endpoint to it', () => {
    const wire = renderDevfile(walkthrough);
    const [main, sidecar] = wire.components!;
    expect(sidecar!.name).toBe('dynamodb-local');
    expect(sidecar!.container!.mountSources).toBe(false);
    expect(main!.container!.env).toEqual([
      { name: 'DYNAMODB_ENDPOINT', value: 'http://localhost:8000' },
      { name: 'IS_LOCAL', value: 'true' },
    ]);
    expect(wire.commands).toEqual([
      { id: 'install-dependencies', exec: { component: 'aws-runtime', commandLine: 'pip install -r requirements-dev.txt', workingDir: '$PROJECT_SOURCE' } },
      { id: 'unit-tests', exec: { component: 'aws-runtime', commandLine: 'pytest -k unit', workingDir: '$PROJECT_SOURCE' } },
    ]);
    expect(wire.events).toEqual({ postStart: ['install-dependencies'] });
  });

  it('writes env values that look like booleans or numbers as quoted strings', () => {
    const text = serializeYaml(renderDevfile({ main: { env: { FLAG: 'true', PORT: '8080', EMPTY: '' } } }));
    expect(text).toContain('value: "true"');
    expect(text).toContain('value: "8080"');
    const env = (parse(text) as { components: { container: { env: { value: unknown }[] } }[] }).components[0]!.container.env;
    expect(env.map((e) => typeof e.value)).toEqual(['string', 'string', 'string']);
  });

  it("the main container's own env wins over what a sidecar exports", () => {
    const wire = renderDevfile({ sidecars: [redisSidecar()], main: { env: { REDIS_URL: 'redis://cache:6379' } } });
    expect(wire.components![0]!.container!.env).toEqual([{ name: 'REDIS_URL', value: 'redis://cache:6379' }]);
  });

  it('hands over a seed devfile.yaml part tagged as a devfile', () => {
    expect(renderDevfilePart()).toMatchObject({ type: 'yaml', path: 'devfile.yaml', fileKind: 'devfile', mode: 'seed' });
  });

  it.each(variants)('%s: valid under the official 2.0.0 and 2.2.2 schemas, and clean under our three layers', (_name, def) => {
    const text = serializeYaml(renderDevfile(def));
    const value = parse(text) as unknown;
    for (const v of ['2.0.0', '2.2.2'] as const) {
      const validate = officialDevfileSchema(v);
      expect(validate(value), `${v}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validateDevfile(text, 'devfile.yaml', { devfileProfile: 'codecatalyst' })).toEqual([]);
  });

  it.each(variants)('%s: deterministic, and YAML.parse(output) equals the wire value', (_name, def) => {
    const a = serializeYaml(renderDevfile(def));
    expect(serializeYaml(renderDevfile(def))).toBe(a);
    expect(parse(a)).toEqual(JSON.parse(JSON.stringify(renderDevfile(def))));
  });

  it('matches the golden walkthrough devfile', async () => {
    await expect(serializeYaml(renderDevfile({ ...walkthrough, sidecars: [dynamoDbLocalSidecar(), postgresSidecar(), redisSidecar()] }))).toMatchFileSnapshot('./__golden__/rendered-walkthrough.devfile.yaml');
  });
});
