import fc from 'fast-check';

/**
 * Arbitrary JSON-like documents (a mapping at the top) for the parse-agreement properties: random strings and
 * numbers plus the keys and scalars given, the ones each property wants to stress.
 */
export function yamlDocuments(keys: readonly string[], scalars: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...keys));
  const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...scalars), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
  })).node;
  return fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 });
}
