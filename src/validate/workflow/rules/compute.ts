import { isRecord } from '../../../model/values.js';
import type { WorkflowRule } from './context.js';

const STEPS = '    Configuration:\n      Steps:\n        - Run: npm test\n';

export const computeBoth: WorkflowRule = {
  code: 'WF-COMPUTE-BOTH',
  kind: 'workflow',
  severity: 'error',
  title: 'An action sets Compute although the workflow sets it at the top level.',
  description:
    'Compute is set either once for the whole workflow (top-level Compute) or on each action, not both: the service refuses an action-level Compute in a workflow that has a top-level one.',
  bad: `Name: build\nSchemaVersion: "1.0"\nCompute:\n  Type: EC2\nActions:\n  Test:\n    Identifier: aws/managed-test@v1\n    Compute:\n      Type: EC2\n      Fleet: Linux.x86-64.Large\n${STEPS}`,
  good: `Name: build\nSchemaVersion: "1.0"\nCompute:\n  Type: EC2\n  Fleet: Linux.x86-64.Large\nActions:\n  Test:\n    Identifier: aws/managed-test@v1\n${STEPS}`,
  check(ctx) {
    if (!ctx.compute) return;
    for (const n of ctx.actions) {
      if (ctx.valueOf(n)['Compute'] === undefined) continue;
      ctx.report({
        pointer: `${n.pointer}/Compute`,
        atKey: true,
        message: `"${n.name}" sets Compute although the workflow sets Compute at the top level; the service allows one or the other.`,
        fix: 'Remove Compute from the action, or remove the workflow-level Compute and set it on each action.',
      });
    }
  },
};

export const cacheLambda: WorkflowRule = {
  code: 'WF-CACHE-LAMBDA',
  kind: 'workflow',
  severity: 'error',
  title: 'An action uses file caching on Lambda compute.',
  description: 'File caching (Caching.FileCaching) works only with EC2 compute; on Lambda compute the service refuses it. The compute type is the action\'s, else the workflow\'s, else EC2.',
  bad: `Name: build\nSchemaVersion: "1.0"\nActions:\n  Test:\n    Identifier: aws/managed-test@v1\n    Compute:\n      Type: LAMBDA\n    Caching:\n      FileCaching:\n        npm:\n          Path: /root/.npm\n${STEPS}`,
  good: `Name: build\nSchemaVersion: "1.0"\nActions:\n  Test:\n    Identifier: aws/managed-test@v1\n    Compute:\n      Type: EC2\n    Caching:\n      FileCaching:\n        npm:\n          Path: /root/.npm\n${STEPS}`,
  check(ctx) {
    for (const n of ctx.actions) {
      const a = ctx.valueOf(n);
      if (a['Caching'] === undefined) continue;
      const own = isRecord(a['Compute']) ? a['Compute'] : undefined;
      if (String(own?.['Type'] ?? ctx.compute?.['Type'] ?? 'EC2').toUpperCase() !== 'LAMBDA') continue;
      ctx.report({
        pointer: `${n.pointer}/Caching`,
        atKey: true,
        message: `"${n.name}" uses file caching on Lambda compute; caching works only with EC2 compute.`,
        fix: 'Use Compute Type: EC2 for this action, or remove Caching.',
      });
    }
  },
};

export const sharedInstanceLambda: WorkflowRule = {
  code: 'WF-SHARED-INSTANCE-LAMBDA',
  kind: 'workflow',
  severity: 'error',
  title: 'The workflow shares one instance between actions on Lambda compute.',
  description: 'Compute.SharedInstance (run every action on one instance) applies only to EC2 compute.',
  bad: `Name: build\nSchemaVersion: "1.0"\nCompute:\n  Type: LAMBDA\n  SharedInstance: "TRUE"\nActions:\n  Test:\n    Identifier: aws/managed-test@v1\n${STEPS}`,
  good: `Name: build\nSchemaVersion: "1.0"\nCompute:\n  Type: EC2\n  SharedInstance: "TRUE"\nActions:\n  Test:\n    Identifier: aws/managed-test@v1\n${STEPS}`,
  check(ctx) {
    const c = ctx.compute;
    if (c && String(c['Type']).toUpperCase() === 'LAMBDA' && c['SharedInstance'] !== undefined) {
      ctx.report({ pointer: '/Compute/SharedInstance', atKey: true, message: 'SharedInstance applies only to EC2 compute.', fix: 'Remove SharedInstance, or use Type: EC2.' });
    }
  },
};
