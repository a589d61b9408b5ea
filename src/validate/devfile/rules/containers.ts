import { toPointer } from '../../../model/diagnostic.js';
import { listAt, objAt, strAt, type Obj } from '../access.js';
import { parseQuantity } from '../quantity.js';
import { componentType, perFile, type DevfileRule } from './context.js';
import { dev, devfile, specDoc } from './examples.js';


/** R15-R20: containers and volumes. */
const QUANTITIES = ['memoryLimit', 'memoryRequest', 'cpuLimit', 'cpuRequest'];

/** Each container component, with its name (or index) for messages. */
const containers = perFile((ctx) => {
  const out: { container: Obj; name: string; i: number }[] = [];
  for (let i = 0; i < ctx.components.length; i++) {
    const c = ctx.components[i];
    const container = objAt(c, 'container');
    if (container) out.push({ container, name: strAt(c, 'name') ?? `#${i}`, i });
  }
  return out;
});

function quantityAt(container: Obj, key: string): number | undefined {
  const text = strAt(container, key);
  return text === undefined ? undefined : parseQuantity(text);
}

export const quantity: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-QUANTITY',
    severity: 'error',
    title: 'A memory, CPU or volume size is not a quantity.',
    description: 'memoryLimit, memoryRequest, cpuLimit, cpuRequest and volume sizes are Kubernetes quantities such as 512Mi, 2Gi, 500m or 1.',
    bad: devfile(dev('      memoryLimit: 2 GB\n')),
    good: devfile(dev('      memoryLimit: 2Gi\n')),
  }),
  check(ctx) {
    ctx.components.forEach((c, i) => {
      const name = strAt(c, 'name') ?? `#${i}`;
      const size = strAt(objAt(c, 'volume'), 'size');
      if (size !== undefined && parseQuantity(size) === undefined) {
        ctx.report({ pointer: toPointer(['components', i, 'volume', 'size']), message: `Volume "${name}" has size "${size}", which is not a quantity.`, fix: 'Write a size such as 2Gi or 1024Mi.' });
      }
      const container = objAt(c, 'container');
      for (const key of QUANTITIES) {
        const text = strAt(container, key);
        if (text !== undefined && parseQuantity(text) === undefined) {
          ctx.report({ pointer: toPointer(['components', i, 'container', key]), message: `${key} of component "${name}" is "${text}", which is not a quantity.`, fix: 'Write a quantity such as 512Mi, 2Gi, 500m or 1.' });
        }
      }
    });
  },
};

export const resourceRequest: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-RESOURCE-REQUEST',
    severity: 'error',
    title: "A container's request is greater than its limit.",
    description: 'A memory or CPU request above the limit of the same container cannot be met.',
    bad: devfile(dev('      memoryRequest: 4Gi\n      memoryLimit: 2Gi\n')),
    good: devfile(dev('      memoryRequest: 1Gi\n      memoryLimit: 2Gi\n')),
  }),
  check(ctx) {
    for (const { container, name, i } of containers(ctx)) {
      for (const r of ['memory', 'cpu']) {
        const req = quantityAt(container, `${r}Request`);
        const lim = quantityAt(container, `${r}Limit`);
        if (req !== undefined && lim !== undefined && req > lim) {
          ctx.report({ pointer: toPointer(['components', i, 'container', `${r}Request`]), message: `${r}Request of component "${name}" is greater than its ${r}Limit.`, fix: `Lower ${r}Request or raise ${r}Limit.` });
        }
      }
    }
  },
};

export const volumeMount: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-VOLUME-MOUNT',
    severity: 'error',
    title: 'A container mounts a volume that no volume component defines.',
    description: 'Each volumeMounts entry names a volume component of the devfile.',
    bad: devfile(dev('      volumeMounts:\n        - name: cache\n          path: /cache\n')),
    good: devfile(`${dev('      volumeMounts:\n        - name: cache\n          path: /cache\n')}  - name: cache\n    volume:\n      size: 1Gi\n`),
  }),
  check(ctx) {
    const volumes = new Set(ctx.components.filter((c) => componentType(c) === 'volume').map((c) => strAt(c, 'name')));
    for (const { container, name, i } of containers(ctx)) {
      listAt(container, 'volumeMounts').forEach((m, j) => {
        const v = strAt(m, 'name');
        if (v === undefined || volumes.has(v) || ctx.untrusted.has(v)) return;
        ctx.report({
          pointer: toPointer(['components', i, 'container', 'volumeMounts', j, 'name']),
          message: `Container "${name}" mounts volume "${v}", but there is no volume component of that name.`,
          fix: `Add a component "- name: ${v}" with "volume: {}" (or a size).`,
        });
      });
    }
  },
};

export const envReserved: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-ENV-RESERVED',
    severity: 'error',
    title: 'A container sets PROJECT_SOURCE or PROJECTS_ROOT.',
    description: 'The Dev Environment sets these variables to where the project sources are; a container may not override them.',
    bad: devfile(dev('      env:\n        - name: PROJECT_SOURCE\n          value: /src\n')),
    good: devfile(dev('      env:\n        - name: APP_SOURCE\n          value: /src\n')),
  }),
  check(ctx) {
    for (const { container, name, i } of containers(ctx)) {
      listAt(container, 'env').forEach((e, j) => {
        const n = strAt(e, 'name');
        if (n !== 'PROJECT_SOURCE' && n !== 'PROJECTS_ROOT') return;
        ctx.report({ pointer: toPointer(['components', i, 'container', 'env', j, 'name']), message: `Container "${name}" sets ${n}, which is reserved: the Dev Environment sets it to where the sources are.`, fix: 'Use another variable name.' });
      });
    }
  },
};

export const annotationConflict: DevfileRule = {
  ...specDoc({
    code: 'DEVFILE-ANNOTATION-CONFLICT',
    severity: 'error',
    title: 'Containers sharing a pod declare one annotation with different values.',
    description: 'Containers without dedicatedPod share one deployment and service, so their annotations are merged; one key with two values cannot be merged.',
    bad: devfile(`${dev('      dedicatedPod: false\n      annotation:\n        deployment:\n          team: a\n')}  - name: db\n    container:\n      image: postgres:16\n      mountSources: false\n      dedicatedPod: false\n      annotation:\n        deployment:\n          team: b\n`),
    good: devfile(`${dev('      dedicatedPod: false\n      annotation:\n        deployment:\n          team: a\n')}  - name: db\n    container:\n      image: postgres:16\n      mountSources: false\n      dedicatedPod: false\n      annotation:\n        deployment:\n          team: a\n`),
  }),
  check(ctx) {
    const annotations = { deployment: new Map<string, string>(), service: new Map<string, string>() };
    for (const { container, i } of containers(ctx)) {
      if (container['dedicatedPod'] !== false) continue;
      for (const kind of ['deployment', 'service'] as const) {
        for (const [k, v] of Object.entries(objAt(objAt(container, 'annotation'), kind) ?? {})) {
          const prev = annotations[kind].get(k);
          if (prev !== undefined && prev !== v) ctx.report({ pointer: toPointer(['components', i, 'container', 'annotation', kind, k]), message: `The ${kind} annotation "${k}" is declared by several containers with different values.` });
          annotations[kind].set(k, String(v));
        }
      }
    }
  },
};
