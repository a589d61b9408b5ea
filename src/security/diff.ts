import { extractPolicies, type Attachment, type Boundary, type Grant, type NetworkRule, type TemplatePolicies } from './policies.js';

/**
 * Pure classification of the security-relevant changes between two sets of CloudFormation templates, for the
 * approver who must decide whether a deployment may broaden permissions. Everything that grants or limits access
 * (every IAM policy document in whatever resource type carries one, trust policies, organization policies,
 * managed policy attachments, permission boundaries, security group rules; see policies.ts) is compared as
 * atoms, with IAM's own matching: actions without regard to letter case, `*` and `?` wildcards in actions and
 * resources, a statement with no condition covering the same one with a condition. So a grant that narrows (a
 * resource instead of `*`) is not counted as broadening, and one that broadens is never missed because it moved
 * to another kind of policy.
 */

export type Template = Readonly<Record<string, unknown>>;

/** One stack of a template set: a single template file, or one stack of a cloud assembly. */
export interface StackTemplate {
  /** The stack's display path, e.g. `MyPipeline/Prod/Service`, or the file name for a lone template. */
  readonly name: string;
  /** The application stage the stack belongs to (the path without its last part), when there is one. */
  readonly stage?: string;
  readonly template: Template;
  /** Where it deploys, from the cloud assembly (`aws://account/region`), when known. */
  readonly account?: string;
  readonly region?: string;
  /** The CloudFormation stack name (what is deployed), when it differs from the display name. */
  readonly stackName?: string;
  /** The role that reads and deploys it in its account (the CDK bootstrap deploy role), from the assembly. */
  readonly assumeRoleArn?: string;
}

export type ChangeCategory = 'permission' | 'trust' | 'organization' | 'managed-policy' | 'boundary' | 'network';

export interface SecurityChange {
  readonly category: ChangeCategory;
  readonly broadens: boolean;
  /** One plain sentence an approver can decide from, e.g. "Role api/Handler may now call s3:* on every resource (*)." */
  readonly summary: string;
  /** The fields behind it (keys as in the template), for machines. */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface StackSecurityChanges {
  readonly stack: string;
  readonly stage?: string;
  readonly account?: string;
  readonly region?: string;
  /** The stack does not exist yet (its whole content is new). */
  readonly isNew: boolean;
  readonly isRemoved: boolean;
  readonly broadened: boolean;
  /** Broadening changes first, then narrowing ones, each group in a stable order. */
  readonly changes: readonly SecurityChange[];
}

export interface SecurityDiffReport {
  readonly broadened: boolean;
  readonly broadening: number;
  readonly narrowing: number;
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
    const where = a ?? b!;
    const changes = stackSecurityChanges(name, where.stage, b?.template, a?.template);
    if (changes.changes.length > 0) stacks.push({ ...changes, ...(where.account ? { account: where.account } : {}), ...(where.region ? { region: where.region } : {}) });
  }
  const all = stacks.flatMap((s) => s.changes);
  const broadening = all.filter((c) => c.broadens).length;
  return { broadened: broadening > 0, broadening, narrowing: all.length - broadening, stacks };
}

/** The security changes of one stack. `before` undefined means a new stack, `after` undefined a removed one. */
function stackSecurityChanges(stack: string, stage: string | undefined, before: Template | undefined, after: Template | undefined): StackSecurityChanges {
  // `!Sub` read as the Fn::Join CloudFormation evaluates, so that the two spellings of one ARN compare equal.
  const b = extractPolicies(before && (subToJoin(before) as Template), stack);
  const a = extractPolicies(after && (subToJoin(after) as Template), stack);
  const changes = [...grantChanges(b, a), ...attachmentChanges(b, a), ...boundaryChanges(b, a), ...networkChanges(b, a)];
  const ordered = [...changes.filter((c) => c.broadens), ...changes.filter((c) => !c.broadens)];
  return {
    stack,
    ...(stage !== undefined ? { stage } : {}),
    isNew: before === undefined,
    isRemoved: after === undefined,
    broadened: ordered.some((c) => c.broadens),
    changes: ordered,
  };
}

/** Whether the grant's subject (a role, a bucket...) is a resource of `before` that `after` no longer has. */
function gone(scope: string, b: TemplatePolicies, a: TemplatePolicies): boolean {
  const ids = [...scope.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)].map((m) => m[1]!);
  return ids.some((id) => b.resourceIds.has(id) && !a.resourceIds.has(id));
}

function grantChanges(b: TemplatePolicies, a: TemplatePolicies): SecurityChange[] {
  const missing = (from: readonly Grant[], against: readonly Grant[]) => from.filter((g) => !against.some((x) => coversGrant(x, g)));
  const added = missing(a.grants, b.grants);
  // A Deny that left with its subject (a role deleted with its policies) loosens nothing.
  const removed = missing(b.grants, a.grants).filter((g) => g.effect === 'Allow' || !gone(g.scope, b, a));
  const out: SecurityChange[] = [];
  for (const [list, change] of [[added, 'added'], [removed, 'removed']] as const) {
    const groups = new Map<string, Grant[]>();
    for (const g of list) {
      const key = [g.kind, g.scope, g.effect, g.principal, g.condition].join('\u0000');
      groups.set(key, [...(groups.get(key) ?? []), g]);
    }
    for (const group of groups.values()) out.push(grantChange(group, change));
  }
  return out;
}

function grantChange(group: readonly Grant[], change: 'added' | 'removed'): SecurityChange {
  const g = group[0]!;
  const broadens = (g.effect === 'Allow') === (change === 'added');
  const actions = unique(group.map((x) => x.actionLabel));
  const resources = unique(group.map((x) => x.resourceLabel));
  const acts = actions.includes('*') ? 'do anything (*)' : `call ${list(actions)}`;
  const res = resources.includes('*') ? 'every resource (*)' : list(resources);
  const when = g.conditionLabel ? ` when ${g.conditionLabel}` : '';
  const who = principalText(g.principalLabel);
  let summary: string;
  const category = g.kind === 'trust' ? 'trust' : g.kind === 'organization' ? 'organization' : 'permission';
  if (g.unreadable !== undefined) {
    // A policy that cannot be read statement by statement: any change needs a person.
    summary = `${cap(g.scopeLabel)} ${change === 'added' ? `has a policy that changed, which catalyst-gen cannot read statement by statement (${g.unreadable}); review it by hand` : 'no longer has a policy catalyst-gen could not read'}: ${actions.join('; ')}.`;
  } else if (g.kind === 'trust') {
    const how = actions.every((x) => /^sts:assumerole$/i.test(x)) ? '' : ` (${list(actions)})`;
    summary = g.effect === 'Allow' ? `${cap(who)} ${change === 'added' ? 'may now' : 'may no longer'} assume ${g.scopeLabel}${how}${when}.` : `${cap(who)} ${change === 'added' ? 'is now denied assuming' : 'is no longer denied assuming'} ${g.scopeLabel}${how}${when}.`;
  } else if (g.kind === 'organization') {
    summary = `${cap(g.scopeLabel)} ${g.effect === 'Allow' ? (change === 'added' ? 'now allows' : 'no longer allows') : change === 'added' ? 'now denies' : 'no longer denies'} ${actions.includes('*') ? 'everything (*)' : list(actions)} on ${res}${when}.`;
  } else if (g.kind === 'identity') {
    summary = g.effect === 'Allow' ? `${cap(g.scopeLabel)} ${change === 'added' ? 'may now' : 'may no longer'} ${acts} on ${res}${when}.` : `${cap(g.scopeLabel)} is ${change === 'added' ? 'now' : 'no longer'} denied ${acts.replace(/^call /, '')} on ${res}${when}.`;
  } else {
    // The protected resource itself (`*`, its own Ref or ARN) goes without saying; other resources are listed.
    const own = (r: string) => r === '*' || r === g.scopeLabel || ((m) => m !== null && g.scopeLabel.endsWith(` ${m[1]}`))(/^\$\{([^}]+?)(\.Arn)?\}$/.exec(r));
    const others = resources.filter((r) => !own(r));
    const on = others.length === 0 ? g.scopeLabel : `${g.scopeLabel} (${list(others)})`;
    summary = g.effect === 'Allow' ? `${cap(who)} ${change === 'added' ? 'may now' : 'may no longer'} ${acts} on ${on}${when}.` : `${cap(who)} ${change === 'added' ? 'is now' : 'is no longer'} denied ${acts.replace(/^call /, '')} on ${on}${when}.`;
  }
  return {
    category,
    broadens,
    summary,
    data: { change, kind: g.kind, scope: g.scope, effect: g.effect, principal: g.principal, actions: unique(group.map((x) => x.action)), resources: unique(group.map((x) => x.resource)), condition: g.condition, where: unique(group.map((x) => x.where)) },
  };
}

function attachmentChanges(b: TemplatePolicies, a: TemplatePolicies): SecurityChange[] {
  const key = (x: Attachment) => `${x.scope}\u0000${x.policy}`;
  const bk = new Set(b.attachments.map(key));
  const ak = new Set(a.attachments.map(key));
  const out: SecurityChange[] = [];
  for (const x of a.attachments) if (!bk.has(key(x))) out.push({ category: 'managed-policy', broadens: true, summary: `${cap(x.scopeLabel)} now has the managed policy ${x.policyLabel}.`, data: { change: 'added', scope: x.scope, policy: x.policy, where: x.where } });
  for (const x of b.attachments) if (!ak.has(key(x))) out.push({ category: 'managed-policy', broadens: false, summary: `${cap(x.scopeLabel)} no longer has the managed policy ${x.policyLabel}.`, data: { change: 'removed', scope: x.scope, policy: x.policy, where: x.where } });
  return out;
}

/**
 * Permission boundaries of identities and session policies. A removed or changed one broadens (the new one may
 * be laxer; only a person can tell); an added one narrows. An identity that is gone takes its limits with it.
 */
function boundaryChanges(b: TemplatePolicies, a: TemplatePolicies): SecurityChange[] {
  const out: SecurityChange[] = [];
  const after = new Map(a.boundaries.map((x) => [x.scope, x]));
  const before = new Map(b.boundaries.map((x) => [x.scope, x]));
  for (const old of b.boundaries) {
    const cur = after.get(old.scope);
    if (cur && cur.value === old.value) continue;
    if (!cur && !a.resourceIds.has(old.where)) continue;
    out.push(
      cur
        ? { category: 'boundary', broadens: true, summary: `The ${old.limit} of ${old.scopeLabel} changed from ${old.valueLabel} to ${cur.valueLabel}.`, data: { change: 'changed', limit: old.limit, scope: old.scope, before: old.value, after: cur.value, where: cur.where } }
        : {
            category: 'boundary',
            broadens: true,
            summary: old.limit === 'session policy' ? `${cap(old.scopeLabel)} no longer limits its sessions with the session policy ${old.valueLabel}.` : `The permission boundary ${old.valueLabel} was removed from ${old.scopeLabel}.`,
            data: { change: 'removed', limit: old.limit, scope: old.scope, before: old.value, where: old.where },
          },
    );
  }
  for (const cur of a.boundaries) {
    if (before.has(cur.scope)) continue;
    const summary = cur.limit === 'session policy' ? `${cap(cur.scopeLabel)} now limits its sessions with the session policy ${cur.valueLabel}.` : `${cap(cur.scopeLabel)} is now bounded by the permission boundary ${cur.valueLabel}.`;
    out.push({ category: 'boundary', broadens: false, summary, data: { change: 'added', limit: cur.limit, scope: cur.scope, after: cur.value, where: cur.where } });
  }
  return out;
}

function networkChanges(b: TemplatePolicies, a: TemplatePolicies): SecurityChange[] {
  const out: SecurityChange[] = [];
  for (const r of a.rules) if (!b.rules.some((x) => coversRule(x, r))) out.push(ruleChange(r, 'added'));
  for (const r of b.rules) if (!a.rules.some((x) => coversRule(x, r))) out.push(ruleChange(r, 'removed'));
  return out;
}

function ruleChange(r: NetworkRule, change: 'added' | 'removed'): SecurityChange {
  const internet = r.peer === '0.0.0.0/0' || r.peer === '::/0';
  const ports = portsText(r);
  const peer = internet ? `the internet (${r.peer})` : r.peerLabel;
  const summary =
    r.direction === 'ingress'
      ? internet
        ? `${cap(ports)} ${change === 'added' ? 'is now open' : 'is no longer open'} to ${peer} in security group ${r.groupLabel}.`
        : `${cap(ports)} of security group ${r.groupLabel} ${change === 'added' ? 'is now reachable' : 'is no longer reachable'} from ${peer}.`
      : `Security group ${r.groupLabel} ${change === 'added' ? 'may now send' : 'may no longer send'} ${ports} to ${peer}.`;
  return { category: 'network', broadens: change === 'added', summary, data: { change, group: r.group, direction: r.direction, protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort, peer: r.peer, where: r.where } };
}

function portsText(r: NetworkRule): string {
  if (r.protocol === 'all') return 'all traffic';
  const proto = r.protocol.toUpperCase();
  if (r.protocol === 'icmp' || r.protocol === 'icmpv6') return r.fromPort < 0 ? proto : `${proto} type ${r.fromPort}${r.toPort >= 0 ? ` code ${r.toPort}` : ''}`;
  if (r.fromPort < 0 || (r.fromPort === 0 && r.toPort === 65535)) return `every ${proto} port`;
  return r.fromPort === r.toPort ? `port ${r.fromPort} (${proto})` : `ports ${r.fromPort}-${r.toPort} (${proto})`;
}

/** Whether grant `b` allows (or denies) at least everything `a` does, as IAM evaluates it. */
function coversGrant(b: Grant, a: Grant): boolean {
  if (b.scope !== a.scope || b.kind !== a.kind || b.effect !== a.effect) return false;
  if (b.principal !== a.principal && b.principal !== '*') return false;
  if (b.condition !== '' && b.condition !== a.condition) return false;
  // A policy that could not be read is its whole text: a `*` in it is no wildcard, only the same text covers it.
  if (b.unreadable !== undefined || a.unreadable !== undefined) return b.action === a.action;
  return matches(b.action, a.action) && matches(b.resource, a.resource);
}

/** An IAM pattern (`*` any run, `?` one character) against a value; `not ...` forms only equal themselves. */
function matches(pattern: string, value: string): boolean {
  if (pattern === value) return true;
  if (pattern.startsWith('not ') || value.startsWith('not ')) return false;
  if (!pattern.includes('*') && !pattern.includes('?')) return false;
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
  return re.test(value);
}

function coversRule(b: NetworkRule, a: NetworkRule): boolean {
  if (b.group !== a.group || b.direction !== a.direction) return false;
  if (b.protocol !== 'all' && b.protocol !== a.protocol) return false;
  const range = (r: NetworkRule) => (r.fromPort < 0 ? [0, 65535] : [r.fromPort, r.toPort < 0 ? r.fromPort : r.toPort]) as [number, number];
  if (b.protocol !== 'all' && !(a.protocol === 'icmp' || a.protocol === 'icmpv6' ? b.fromPort < 0 || (b.fromPort === a.fromPort && (b.toPort < 0 || b.toPort === a.toPort)) : range(b)[0] <= range(a)[0] && range(b)[1] >= range(a)[1])) return false;
  if (b.peer === a.peer) return true;
  return (b.peer === '0.0.0.0/0' && /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(a.peer)) || (b.peer === '::/0' && a.peer.includes(':') && a.peer.includes('/'));
}

function principalText(label: string): string {
  if (label === '*') return 'anyone (*)';
  const account = /^AWS:(?:arn:[^:]*:iam::)?(\d{12})(?::root)?$/.exec(label);
  if (account) return `account ${account[1]}`;
  if (label.startsWith('Service:')) return `the service ${label.slice('Service:'.length)}`;
  if (label.startsWith('Federated:')) return `users signed in through ${label.slice('Federated:'.length)}`;
  if (label.startsWith('AWS:')) return label.slice(4);
  return label;
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

function list(xs: readonly string[]): string {
  return xs.length <= 6 ? xs.join(', ') : `${xs.slice(0, 6).join(', ')} and ${xs.length - 6} more`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The template with every `Fn::Sub` written as the equivalent `Fn::Join` (what CloudFormation evaluates):
 * `${Name}` becomes `{Ref: Name}`, `${Res.Attr}` `{Fn::GetAtt: [Res, Attr]}`, a name from the variable map its
 * value, `${!Literal}` the text `${Literal}`. A Sub whose shape is not the documented one is left as it is.
 */
function subToJoin(value: unknown): unknown {
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
