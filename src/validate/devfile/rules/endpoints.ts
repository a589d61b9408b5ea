import { toPointer } from '../../../model/diagnostic.js';
import { isRecord } from '../../../model/values.js';
import { listAt, objAt, strAt } from '../access.js';
import { componentType, type DevfileRule } from './context.js';
import { dev, devfile, specDoc } from './examples.js';


/** R13, R14: endpoints. */

export const endpointName: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-ENDPOINT-NAME',
    severity: 'error',
    title: 'Two endpoints have the same name.',
    description: 'Endpoint names are unique across all the components of a devfile.',
    bad: devfile(dev('      endpoints:\n        - name: web\n          targetPort: 3000\n        - name: web\n          targetPort: 8080\n')),
    good: devfile(dev('      endpoints:\n        - name: web\n          targetPort: 3000\n        - name: api\n          targetPort: 8080\n')),
  }),
  check(ctx) {
    const names = new Set<string>();
    ctx.components.forEach((c, i) => {
      const type = componentType(c);
      if (type !== 'container' && type !== 'kubernetes' && type !== 'openshift') return;
      listAt(objAt(c, type), 'endpoints').forEach((e, j) => {
        const name = strAt(e, 'name');
        if (name === undefined) return;
        if (names.has(name)) ctx.report({ pointer: toPointer(['components', i, type, 'endpoints', j, 'name']), message: `Endpoint name "${name}" is used more than once; endpoint names must be unique across all components.`, fix: 'Rename the endpoint.' });
        names.add(name);
      });
    });
  },
};

export const endpointPort: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-ENDPOINT-PORT',
    severity: 'error',
    title: 'Two containers expose the same target port.',
    description: 'The containers of a Dev Environment share one network, so a port can be used by one container only.',
    bad: devfile(`${dev('      endpoints:\n        - name: web\n          targetPort: 3000\n')}  - name: api\n    container:\n      image: node:20\n      mountSources: false\n      endpoints:\n        - name: api\n          targetPort: 3000\n`),
    good: devfile(`${dev('      endpoints:\n        - name: web\n          targetPort: 3000\n')}  - name: api\n    container:\n      image: node:20\n      mountSources: false\n      endpoints:\n        - name: api\n          targetPort: 8080\n`),
  }),
  check(ctx) {
    // A container may list a port twice (two protocols); only another container's use of it is a conflict.
    const seen = new Set<number>();
    ctx.components.forEach((c, i) => {
      if (componentType(c) !== 'container') return;
      const here = new Set<number>();
      listAt(objAt(c, 'container'), 'endpoints').forEach((e, j) => {
        const port = isRecord(e) ? e['targetPort'] : undefined;
        if (typeof port !== 'number' || here.has(port)) return;
        here.add(port);
        if (seen.has(port)) {
          ctx.report({
            pointer: toPointer(['components', i, 'container', 'endpoints', j, 'targetPort']),
            message: `Target port ${port} is exposed by more than one container; containers share the network, so each port can be used by one container only.`,
            fix: 'Use another port.',
          });
        }
      });
      for (const p of here) seen.add(p);
    });
  },
};
