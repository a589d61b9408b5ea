/**
 * The dependency graph CloudFormation builds from a template: resource A depends on B when A's DependsOn names B,
 * or anything in A (properties, conditions, metadata) refers to B through Ref, Fn::GetAtt or a ${B} / ${B.Attr}
 * in Fn::Sub. CloudFormation refuses a template whose graph has a cycle ("Circular dependency between resources").
 */
type Json = unknown;

export function resourceDependencies(template: Record<string, unknown>): Map<string, Set<string>> {
  const resources = (template['Resources'] ?? {}) as Record<string, Record<string, Json>>;
  const ids = new Set(Object.keys(resources));
  const graph = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const deps = new Set<string>();
    const add = (target: string) => {
      if (ids.has(target)) deps.add(target);
    };
    const dependsOn = resource['DependsOn'];
    for (const d of Array.isArray(dependsOn) ? dependsOn : dependsOn === undefined ? [] : [dependsOn]) add(String(d));
    const walk = (v: Json): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (v === null || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v as Record<string, Json>)) {
        if (k === 'Ref' && typeof x === 'string') add(x);
        else if (k === 'Fn::GetAtt') add(Array.isArray(x) ? String(x[0]) : String(x).split('.')[0]!);
        else if (k === 'Fn::Sub') {
          const text = Array.isArray(x) ? String(x[0]) : String(x);
          const vars = Array.isArray(x) && x[1] && typeof x[1] === 'object' ? new Set(Object.keys(x[1] as object)) : new Set<string>();
          for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const name = m[1]!.split('.')[0]!;
            if (!vars.has(name)) add(name);
          }
        }
        walk(x);
      }
    };
    const { DependsOn: _ignored, ...rest } = resource;
    walk(rest);
    graph.set(id, deps);
  }
  return graph;
}

/** A dependency cycle of the template (its resource ids, the first repeated at the end), or undefined. */
export function dependencyCycle(template: Record<string, unknown>): string[] | undefined {
  const graph = resourceDependencies(template);
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'open');
    path.push(id);
    for (const d of [...(graph.get(id) ?? [])].sort()) {
      const cycle = visit(d);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of [...graph.keys()].sort()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
