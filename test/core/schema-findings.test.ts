import { describe, expect, it } from 'vitest';
import { schemaFindings } from '../../src/validate/schema-findings.js';
import { compileSchema } from '../../src/validate/schemas.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z]+$' },
    kind: { enum: ['container', 'volume'] },
    count: { type: 'integer', minimum: 1 },
    thing: {
      anyOf: [
        { type: 'object', required: ['image'], properties: { image: { type: 'string' } }, additionalProperties: false },
        { type: 'string' },
      ],
    },
  },
};

function findings(value: unknown) {
  const fn = compileSchema(schema, 'test:schema-findings');
  fn(value);
  return schemaFindings(fn.errors, { codePrefix: 'T' });
}

describe('schemaFindings', () => {
  it('names a missing key', () => {
    expect(findings({})).toMatchObject([{ code: 'T-REQUIRED', pointer: '', message: expect.stringContaining('"name"') }]);
  });

  it('suggests the nearest key for a typo and points at the key', () => {
    const [f] = findings({ name: 'a', kidn: 'volume' });
    expect(f).toMatchObject({ code: 'T-ADDITIONALPROPERTIES', pointer: '/kidn', atKey: true, fix: 'Did you mean "kind"?' });
  });

  it('lists allowed values and suggests one', () => {
    const [f] = findings({ name: 'a', kind: 'contianer' });
    expect(f?.message).toContain('"container", "volume"');
    expect(f?.fix).toBe('Did you mean "container"?');
  });

  it('reports every fault at once', () => {
    const codes = findings({ name: 'A', count: 0, kind: 'x' }).map((f) => f.code).sort();
    expect(codes).toEqual(['T-ENUM', 'T-MINIMUM', 'T-PATTERN']);
  });

  it('collapses anyOf to the branch that came closest: one fault, one message', () => {
    const out = findings({ name: 'a', thing: { imagee: 'x' } });
    expect(out.map((f) => f.code).sort()).toEqual(['T-ADDITIONALPROPERTIES', 'T-REQUIRED']);
    expect(out.every((f) => f.pointer.startsWith('/thing'))).toBe(true);
  });
});

describe('schemaFindings: type errors for null and missing values', () => {
  it('says "is null" and "has no value" instead of repeating the type name', () => {
    const fn = compileSchema({ type: 'object', properties: { count: { type: 'integer' }, list: { type: 'array', items: { type: 'string' } } } }, 'test:schema-findings-nullish');
    // eslint-disable-next-line no-sparse-arrays
    fn({ count: null, list: ['a', , 'b'] });
    const messages = schemaFindings(fn.errors, { codePrefix: 'T' }).map((f) => f.message);
    expect(messages).toEqual(['"count" is null; expected integer.', '"list[1]" has no value; expected string.']);
    fn({ count: 'x' });
    expect(schemaFindings(fn.errors, { codePrefix: 'T' })[0]?.message).toBe('"count" is a string "x"; expected integer.');
  });
});
