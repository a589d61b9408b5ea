import { fullDiff } from '@aws-cdk/cloudformation-diff';

/**
 * Pure classification of the security-relevant changes between two sets of CloudFormation templates, on top
 * of @aws-cdk/cloudformation-diff (the engine behind `cdk diff --security-only`). Added to what CDK reports:
 * a removed or changed permission boundary on a role or user is broadening; CDK's diff does not see it.
 */

export type Template = Readonly<Record<string, unknown>>;

/** One stack of a template set: a single template file, or one stack of a cloud assembly. */
export interface StackTemplate {
  /** The stack's display path, e.g. `MyPipeline/Prod/Service`, or the file name for a lone template. */
  readonly name: string;
  /** The application stage the stack belongs to (the path without its last part), when there is one. */
  readonly stage?: string;
  readonly template: Template;
}

export type Change = 'added' | 'removed';

export interface StatementChange {
  readonly change: Change;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly principals: readonly string[];
  /** The condition as JSON, or '' when there is none. */
  readonly condition: string;
  /** An added Allow or a removed Deny. */
  readonly broadens: boolean;
}

export interface ManagedPolicyChange {
  readonly change: Change;
  /** Who the policy is attached to (a role, user or group reference). */
  readonly identity: string;
  readonly policyArn: string;
  readonly broadens: boolean;
}

export interface SecurityGroupRuleChange {
  readonly change: Change;
  readonly group: string;
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly peer: string;
  readonly broadens: boolean;
}

export interface BoundaryChange {
  /** `removed` and `changed` broaden (a changed boundary may be laxer); `added` narrows. */
  readonly change: 'added' | 'removed' | 'changed';
  readonly logicalId: string;
  readonly resourceType: string;
  readonly before?: string;
  readonly after?: string;
  readonly broadens: boolean;
}

export interface StackSecurityChanges {
  readonly stack: string;
  readonly stage?: string;
  /** The stack does not exist yet (its whole content is new). */
  readonly isNew: boolean;
  readonly isRemoved: boolean;
  readonly broadened: boolean;
  readonly statements: readonly StatementChange[];
  readonly managedPolicies: readonly ManagedPolicyChange[];
  readonly securityGroupRules: readonly SecurityGroupRuleChange[];
  readonly boundaries: readonly BoundaryChange[];
}

export interface SecurityDiffReport {
  readonly broadened: boolean;
  /** Only stacks with at least one security-relevant change, in name order. */
  readonly stacks: readonly StackSecurityChanges[];
}

/** Compare two template sets, pairing stacks by name. A stack only in `after` is new; only in `before`, removed. */
export function securityDiff(before: readonly StackTemplate[], after: readonly StackTemplate[]): SecurityDiffReport {
  const names = [...new Set([...before.map((s) => s.name), ...after.map((s) => s.name)])].sort();
  const stacks: StackSecurityChanges[] = [];
  for (const name of names) {
    const b = before.find((s) => s.name === name);
    const a = after.find((s) => s.name === name);
    const changes = stackSecurityChanges(name, a?.stage ?? b?.stage, b?.template, a?.template);
    if (hasChanges(changes)) stacks.push(changes);
  }
  return { broadened: stacks.some((s) => s.broadened), stacks };
}

function hasChanges(s: StackSecurityChanges): boolean {
  return s.statements.length + s.managedPolicies.length + s.securityGroupRules.length + s.boundaries.length > 0;
}

/** The security changes of one stack. `before` undefined means a new stack, `after` undefined a removed one. */
export function stackSecurityChanges(stack: string, stage: string | undefined, before: Template | undefined, after: Template | undefined): StackSecurityChanges {
  // Fn::Sub as Fn::Join, so that `!Sub arn:${AWS::Partition}:...` reads like what CDK synthesizes (cloudformation-diff
  // renders Fn::Join as text but leaves Fn::Sub as JSON), and a Sub and an equal Join compare equal.
  const diff = fullDiff(subToJoin(before ?? {}) as never, subToJoin(after ?? {}) as never);
  const statements: StatementChange[] = [];
  for (const [change, list] of [['added', diff.iamChanges.statements.additions], ['removed', diff.iamChanges.statements.removals]] as const) {
    for (const s of list) {
      const deny = s.effect === 'Deny';
      statements.push({
        change,
        effect: s.effect,
        actions: [...s.actions.values].sort(),
        resources: [...s.resources.values].sort(),
        principals: [...s.principals.values].sort(),
        condition: s.condition === undefined ? '' : JSON.stringify(s.condition),
        broadens: change === 'added' ? !deny : deny,
      });
    }
  }
  const managedPolicies: ManagedPolicyChange[] = [];
  for (const [change, list] of [['added', diff.iamChanges.managedPolicies.additions], ['removed', diff.iamChanges.managedPolicies.removals]] as const) {
    for (const m of list) managedPolicies.push({ change, identity: m.identityArn, policyArn: m.managedPolicyArn, broadens: change === 'added' });
  }
  const securityGroupRules: SecurityGroupRuleChange[] = [];
  const sg = diff.securityGroupChanges;
  for (const [direction, coll] of [['ingress', sg.ingress], ['egress', sg.egress]] as const) {
    for (const [change, list] of [['added', coll.additions], ['removed', coll.removals]] as const) {
      for (const r of list) {
        securityGroupRules.push({ change, group: r.groupId, direction, protocol: r.describeProtocol(), peer: r.describePeer(), broadens: change === 'added' });
      }
    }
  }
  const boundaries = boundaryChanges(before, after);
  const broadened =
    diff.permissionsBroadened ||
    statements.some((s) => s.broadens) ||
    managedPolicies.some((m) => m.broadens) ||
    securityGroupRules.some((r) => r.broadens) ||
    boundaries.some((b) => b.broadens);
  return {
    stack,
    ...(stage !== undefined ? { stage } : {}),
    isNew: before === undefined,
    isRemoved: after === undefined,
    broadened,
    statements,
    managedPolicies,
    securityGroupRules,
    boundaries,
  };
}

const BOUNDED_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User']);

/**
 * Permission boundaries of roles and users present in both templates. A role or user that disappears takes
 * its permissions with it (not broadening); one that is new is reported by its statements and policies.
 */
export function boundaryChanges(before: Template | undefined, after: Template | undefined): BoundaryChange[] {
  const out: BoundaryChange[] = [];
  const b = resources(before);
  const a = resources(after);
  for (const id of Object.keys(b).sort()) {
    const old = b[id];
    const cur = a[id];
    if (!old || !cur || !BOUNDED_TYPES.has(String(old['Type'])) || old['Type'] !== cur['Type']) continue;
    const ob = boundaryOf(old);
    const nb = boundaryOf(cur);
    // Compared as CloudFormation evaluates them: a `!Sub` and the equal `Fn::Join` are the same boundary.
    if (ob === nb || (ob !== undefined && nb !== undefined && boundaryKey(old) === boundaryKey(cur))) continue;
    const change = ob === undefined ? 'added' : nb === undefined ? 'removed' : 'changed';
    out.push({
      change,
      logicalId: id,
      resourceType: String(old['Type']),
      ...(ob !== undefined ? { before: ob } : {}),
      ...(nb !== undefined ? { after: nb } : {}),
      broadens: change !== 'added',
    });
  }
  return out;
}

function resources(t: Template | undefined): Record<string, Record<string, unknown> | undefined> {
  const r = t?.['Resources'];
  return r && typeof r === 'object' ? (r as Record<string, Record<string, unknown>>) : {};
}

function boundaryOf(resource: Record<string, unknown>): string | undefined {
  const props = resource['Properties'] as Record<string, unknown> | undefined;
  const v = props?.['PermissionsBoundary'];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : stableJson(v);
}

function boundaryKey(resource: Record<string, unknown>): string {
  return stableJson(subToJoin((resource['Properties'] as Record<string, unknown> | undefined)?.['PermissionsBoundary']));
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The template with every `Fn::Sub` written as the equivalent `Fn::Join` (what CloudFormation evaluates):
 * `${Name}` becomes `{Ref: Name}`, `${Res.Attr}` `{Fn::GetAtt: [Res, Attr]}`, a name from the variable map its
 * value, `${!Literal}` the text `${Literal}`. A Sub whose shape is not the documented one is left as it is.
 */
export function subToJoin(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(subToJoin);
  if (!value || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const arg = obj['Fn::Sub'];
    if (typeof arg === 'string') return joinOf(arg, {});
    if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && arg[1] && typeof arg[1] === 'object' && !Array.isArray(arg[1])) {
      return joinOf(arg[0], arg[1] as Record<string, unknown>);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, subToJoin(obj[k])]));
}

function joinOf(text: string, vars: Record<string, unknown>): unknown {
  const parts: unknown[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('${', i);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) {
      literal += text.slice(i);
      break;
    }
    literal += text.slice(i, open);
    const name = text.slice(open + 2, close).trim();
    if (name.startsWith('!')) literal += `\${${name.slice(1)}}`;
    else {
      if (literal) parts.push(literal);
      literal = '';
      const dot = name.indexOf('.');
      parts.push(Object.hasOwn(vars, name) ? subToJoin(vars[name]) : dot > 0 ? { 'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)] } : { Ref: name });
    }
    i = close + 1;
  }
  if (literal) parts.push(literal);
  if (parts.length === 0) return '';
  if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
  return { 'Fn::Join': ['', parts] };
}
