/**
 * A blueprint's options schema, typed from its options interface, so that the schema and the interface cannot
 * drift: `defineBlueprint<O>({ options })` is a `tsc` error when `options` does not describe `O`. What is checked
 * (ajv's `JSONSchemaType` checks the same, without its `nullable` requirement for optional properties):
 *
 * - every property of `O` has a schema in `properties`, and `properties` names nothing else;
 * - each property's schema has the type of the property (`string`, `number`/`integer`, `boolean`, `array` with
 *   typed `items`, `object` with typed `properties`); a string literal union needs an `enum` of its members;
 * - `required` lists only properties that are required in `O`, and is present when `O` has any;
 * - `default`, `examples` and `enum` values have the property's type.
 *
 * What types cannot say (that `required` lists *every* required property, patterns, conditional keywords such as
 * `if`/`then`, which are accepted as plain schemas) is checked at run time by ajv against the defaults.
 */
export type OptionsSchemaFor<O> = IsAny<O> extends true ? LooseSchema : SchemaFor<O>;

/** Any JSON schema: what `Blueprint<any>` carries and what conditional keywords hold. */
export type LooseSchema = Readonly<Record<string, unknown>>;

type IsAny<T> = 0 extends 1 & T ? true : false;

type Annotations<T> = {
  readonly description?: string;
  readonly title?: string;
  readonly $comment?: string;
  readonly default?: T;
  readonly examples?: readonly T[];
  readonly deprecated?: boolean;
};

/** Keywords that combine or condition schemas: their parts are plain schemas (checked at run time). */
type Combinators = {
  readonly allOf?: readonly LooseSchema[];
  readonly anyOf?: readonly LooseSchema[];
  readonly oneOf?: readonly LooseSchema[];
  readonly not?: LooseSchema;
  readonly if?: LooseSchema;
  readonly then?: LooseSchema;
  readonly else?: LooseSchema;
};

type StringSchema<T extends string> = Annotations<T> &
  Combinators & {
    readonly type: 'string';
    readonly pattern?: string;
    readonly minLength?: number;
    readonly maxLength?: number;
    readonly format?: string;
    readonly const?: T;
  } & (string extends T ? { readonly enum?: readonly string[] } : { readonly enum: readonly T[] });

type NumberSchema<T extends number> = Annotations<T> &
  Combinators & {
    readonly type: 'number' | 'integer';
    readonly minimum?: number;
    readonly maximum?: number;
    readonly exclusiveMinimum?: number;
    readonly exclusiveMaximum?: number;
    readonly multipleOf?: number;
    readonly enum?: readonly T[];
    readonly const?: T;
  };

type BooleanSchema = Annotations<boolean> & Combinators & { readonly type: 'boolean'; readonly const?: boolean };

type ArraySchema<I> = Annotations<readonly I[]> &
  Combinators & {
    readonly type: 'array';
    readonly items: SchemaFor<I>;
    readonly minItems?: number;
    readonly maxItems?: number;
    readonly uniqueItems?: boolean;
  };

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

type ObjectSchema<T> = Annotations<T> &
  Combinators & {
    readonly type: 'object';
    readonly properties: { readonly [K in keyof T]-?: SchemaFor<Exclude<T[K], undefined>> };
    readonly additionalProperties?: boolean;
    readonly minProperties?: number;
    readonly dependentRequired?: Readonly<Record<string, readonly string[]>>;
  } & ([RequiredKeys<T>] extends [never] ? { readonly required?: readonly [] } : { readonly required: readonly RequiredKeys<T>[] });

/** A map with free-form keys (`Record<string, V>`): its values are described by `additionalProperties`. */
type MapSchema<V> = Annotations<Readonly<Record<string, V>>> &
  Combinators & {
    readonly type: 'object';
    readonly additionalProperties?: SchemaFor<V> | boolean;
    readonly properties?: Readonly<Record<string, LooseSchema>>;
    readonly propertyNames?: LooseSchema;
    readonly required?: readonly string[];
    readonly minProperties?: number;
    readonly maxProperties?: number;
  };

/** The schema of one value of type T. Types outside this set (mixed unions, `unknown`) take any schema. */
export type SchemaFor<T> =
  IsAny<T> extends true
    ? LooseSchema
    : unknown extends T
      ? LooseSchema
      : [T] extends [string]
        ? StringSchema<T>
        : [T] extends [number]
          ? NumberSchema<T>
          : [T] extends [boolean]
            ? BooleanSchema
            : [T] extends [readonly (infer I)[]]
              ? ArraySchema<I>
              : [T] extends [object]
                ? string extends keyof T
                  ? MapSchema<T[string & keyof T]>
                  : ObjectSchema<T>
                : LooseSchema;
