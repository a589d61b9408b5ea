/**
 * `import()` of a compiled blueprint module by its file URL. The bundled command (scripts/bundle.mjs) replaces
 * this one function with the importer its CommonJS loader passes in: code compiled by `vm.Script`, as the bundle
 * is, cannot call `import()` itself.
 */
export function importModule(url: string): Promise<Record<string, unknown>> {
  return import(url) as Promise<Record<string, unknown>>;
}
