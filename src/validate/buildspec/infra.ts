import { WILDCARD_RESOURCE_ACTIONS } from '../../wire/iam.js';
import { toPointer, type Finding } from '../../model/diagnostic.js';
import { isRecord } from '../../model/values.js';

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * Structure sanity for IAM policy documents: version, effect, `service:Action` names, a resource, and a
 * warning for `*` resources on actions that have narrower ones (least privilege).
 */
export function iamPolicyRules(doc: unknown): Finding[] {
  const out: Finding[] = [];
  const err = (pointer: string, code: string, message: string, severity: Finding['severity'] = 'error') => out.push({ code, severity, pointer, message });
  if (!isRecord(doc)) return [{ code: 'IAM-POLICY-SHAPE', severity: 'error', pointer: '', message: 'An IAM policy is a JSON object with Version and Statement.' }];
  if (doc['Version'] !== '2012-10-17') err('/Version', 'IAM-POLICY-VERSION', `Version is ${JSON.stringify(doc['Version'])}; use "2012-10-17" (older versions do not support policy variables).`);
  const statements = list(doc['Statement']);
  if (statements.length === 0) err('', 'IAM-POLICY-SHAPE', 'The policy has no Statement.');
  statements.forEach((s, i) => {
    const at = (k?: string) => toPointer(Array.isArray(doc['Statement']) ? ['Statement', i, ...(k ? [k] : [])] : ['Statement', ...(k ? [k] : [])]);
    if (!isRecord(s)) return err(at(), 'IAM-POLICY-SHAPE', 'A statement must be an object.');
    if (s['Effect'] !== 'Allow' && s['Effect'] !== 'Deny') err(at('Effect'), 'IAM-POLICY-EFFECT', `Effect is ${JSON.stringify(s['Effect'])}; expected "Allow" or "Deny".`);
    const actions = list(s['Action'] ?? s['NotAction']);
    if (actions.length === 0) err(at(), 'IAM-POLICY-ACTION', 'The statement has no Action.');
    for (const a of actions) {
      if (typeof a !== 'string' || !(a === '*' || /^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(a))) err(at('Action'), 'IAM-POLICY-ACTION', `${JSON.stringify(a)} is not an action name like "service:Action".`);
    }
    const resources = list(s['Resource'] ?? s['NotResource']);
    if (resources.length === 0) err(at(), 'IAM-POLICY-RESOURCE', 'The statement has no Resource.');
    if (s['Effect'] === 'Allow' && resources.includes('*')) {
      const wide = actions.filter((a): a is string => typeof a === 'string' && !WILDCARD_RESOURCE_ACTIONS.includes(a));
      if (wide.length > 0) err(at('Resource'), 'IAM-POLICY-WILDCARD-RESOURCE', `Resource "*" is allowed for ${wide.join(', ')}, which can be limited to specific ARNs.`, 'warning');
    }
  });
  return out;
}

const PSEUDO = /^AWS::(AccountId|NotificationARNs|NoValue|Partition|Region|StackId|StackName|URLSuffix)$/;

/** Structure sanity for CloudFormation templates: resources with types, and `Ref`/`DependsOn` that name something. */
export function cloudFormationRules(doc: unknown): Finding[] {
  if (!isRecord(doc) || !isRecord(doc['Resources']) || Object.keys(doc['Resources']).length === 0) {
    return [{ code: 'CFN-SHAPE', severity: 'error', pointer: '', message: 'A CloudFormation template needs a Resources mapping with at least one resource.' }];
  }
  const out: Finding[] = [];
  const resources = doc['Resources'];
  const names = new Set([...Object.keys(resources), ...Object.keys(isRecord(doc['Parameters']) ? doc['Parameters'] : {})]);
  for (const [id, r] of Object.entries(resources)) {
    if (!isRecord(r) || typeof r['Type'] !== 'string' || !/^(AWS|Alexa|Custom)::[A-Za-z0-9]+(::[A-Za-z0-9]+)?$|^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(r['Type'])) {
      out.push({ code: 'CFN-RESOURCE-TYPE', severity: 'error', pointer: toPointer(['Resources', id]), atKey: true, message: `Resource ${id} has no valid Type such as "AWS::EC2::VPCEndpoint".` });
      continue;
    }
    for (const d of list(r['DependsOn'])) {
      if (typeof d === 'string' && !(d in resources)) out.push({ code: 'CFN-DEPENDS-ON', severity: 'error', pointer: toPointer(['Resources', id, 'DependsOn']), message: `Resource ${id} depends on ${d}, which is not a resource in this template.` });
    }
  }
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i]));
    if (!isRecord(v)) return;
    const ref = v['Ref'];
    if (typeof ref === 'string' && !names.has(ref) && !PSEUDO.test(ref)) {
      out.push({ code: 'CFN-REF', severity: 'error', pointer: toPointer([...path, 'Ref']), message: `Ref ${ref} names no parameter or resource of this template.` });
    }
    for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(resources, ['Resources']);
  if (isRecord(doc['Outputs'])) walk(doc['Outputs'], ['Outputs']);
  return out;
}
