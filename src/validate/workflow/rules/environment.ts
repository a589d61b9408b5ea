import { isRecord } from '../../../model/values.js';
import { AWS_ACCOUNT_PATTERN } from '../../../model/aws.js';
import { DEPLOY_FAMILIES } from '../../../wire/workflow.js';
import { identifierInfo } from '../identifier.js';
import { perFile, type Wire, type WorkflowRule } from './context.js';

const CONNECTION_NAME = /^[A-Za-z0-9_-]{3,63}$/;
const ACCOUNT_ID = new RegExp(AWS_ACCOUNT_PATTERN);
const ROLE_NAME = /^[A-Za-z0-9_+=,.@-]{1,64}$/;

/** A workflow with one CDK deploy action; `environment` is its Environment block, indented to sit under the action. */
const deploy = (environment: string) =>
  `Name: deploy\nSchemaVersion: "1.0"\nActions:\n  Deploy:\n    Identifier: aws/cdk-deploy@v2\n${environment}    Configuration:\n      StackName: app\n      Region: us-east-1\n`;
const env = (name: string, connection: string, role: string) =>
  `    Environment:\n      Name: ${name}\n      Connections:\n        - Name: ${connection}\n          Role: ${role}\n`;
const GOOD = deploy(env('prod', 'prod-account', 'deploy-role'));

/** Each action's Environment, with its pointer and the action's name. */
const environments = perFile((ctx) => {
  const out: { env: Wire; ptr: string; action: string }[] = [];
  for (const n of ctx.actions) {
    const e = ctx.valueOf(n)['Environment'];
    if (isRecord(e)) out.push({ env: e, ptr: `${n.pointer}/Environment`, action: n.name });
  }
  return out;
});

/** Each connection of each Environment, with its pointer. */
const connections = perFile((ctx) => {
  const out: { conn: Wire; ptr: string; action: string }[] = [];
  for (const { env, ptr, action } of environments(ctx)) {
    const conns = env['Connections'];
    if (!Array.isArray(conns)) continue;
    for (let i = 0; i < conns.length; i++) {
      const c: unknown = conns[i];
      if (isRecord(c)) out.push({ conn: c, ptr: `${ptr}/Connections/${i}`, action });
    }
  }
  return out;
});

export const envMissing: WorkflowRule = {
  code: 'WF-ENV-MISSING',
  kind: 'workflow',
  severity: 'error',
  title: 'An action that deploys to AWS has no Environment.',
  description:
    'The deploy actions (cdk-bootstrap, cdk-deploy, cfn-deploy, s3-publish, lambda-invoke, ecs-deploy) reach an AWS account through an environment and its account connection; without Environment the service cannot run them.',
  bad: deploy(''),
  good: GOOD,
  check(ctx) {
    for (const n of ctx.actions) {
      const a = ctx.valueOf(n);
      const info = identifierInfo(a['Identifier']);
      if (!info || !DEPLOY_FAMILIES.has(info.family) || a['Environment'] !== undefined) continue;
      ctx.report({
        pointer: n.pointer,
        atKey: true,
        message: `"${n.name}" (${String(a['Identifier'])}) deploys to AWS but has no Environment.`,
        fix: 'Add Environment: {Name: <environment>, Connections: [{Name: <account connection>, Role: <IAM role name>}]}.',
      });
    }
  },
};

export const envNameBlank: WorkflowRule = {
  code: 'WF-ENV-NAME-BLANK',
  kind: 'workflow',
  severity: 'error',
  title: "An Environment's Name is blank.",
  description: 'Environment.Name names a CodeCatalyst environment of the project; a blank name (often a placeholder a generator left behind) matches none.',
  bad: deploy(env('" "', 'prod-account', 'deploy-role')),
  good: GOOD,
  check(ctx) {
    for (const { env, ptr, action } of environments(ctx)) {
      const name = env['Name'];
      if (typeof name === 'string' && name.trim() === '') {
        ctx.report({ pointer: `${ptr}/Name`, message: `The environment name of "${action}" is blank.`, fix: 'Give the name of a CodeCatalyst environment of the project.' });
      }
    }
  },
};

export const envPlaceholder: WorkflowRule = {
  code: 'WF-ENV-PLACEHOLDER',
  kind: 'workflow',
  severity: 'error',
  title: "An Environment's Name holds a ${placeholder}.",
  description: 'Workflows substitute ${...} variables in action configuration, not in Environment.Name: the service would look for an environment literally named "${...}".',
  bad: deploy(env('"${STAGE}"', 'prod-account', 'deploy-role')),
  good: GOOD,
  check(ctx) {
    for (const { env, ptr } of environments(ctx)) {
      const name = env['Name'];
      if (typeof name === 'string' && name.trim() !== '' && name.includes('${')) {
        ctx.report({ pointer: `${ptr}/Name`, message: `The environment name "${name}" still holds a \${placeholder}; workflows do not substitute variables there.`, fix: 'Write the actual environment name.' });
      }
    }
  },
};

export const envConnections: WorkflowRule = {
  code: 'WF-ENV-CONNECTIONS',
  kind: 'workflow',
  severity: 'error',
  title: 'An Environment has no connection, or more than one.',
  description:
    "An action uses exactly one account connection. An empty Connections list gives it none (remove Connections to use the environment's default role); a second connection is refused, so deploying to several accounts takes one action per account.",
  bad: deploy('    Environment:\n      Name: prod\n      Connections: []\n'),
  good: GOOD,
  check(ctx) {
    for (const { env, ptr, action } of environments(ctx)) {
      const conns = env['Connections'];
      if (!Array.isArray(conns)) continue;
      if (conns.length === 0) {
        ctx.report({ pointer: `${ptr}/Connections`, message: `The environment of "${action}" has an empty Connections list.`, fix: "Add one connection, or remove Connections to use the environment's default role." });
      } else if (conns.length > 1) {
        ctx.report({
          pointer: `${ptr}/Connections/1`,
          message: `The environment of "${action}" has ${conns.length} connections; an action uses exactly one account connection.`,
          fix: 'Keep one connection here and deploy to each other account from its own action.',
        });
      }
    }
  },
};

/** A rule on each connection's Name or Role string; `test` returns the message and fix when it is at fault. */
function connectionRule(
  doc: Omit<WorkflowRule, 'check'>,
  key: 'Name' | 'Role',
  test: (value: string, action: string) => { message: string; fix: string } | undefined,
): WorkflowRule {
  return {
    ...doc,
    check(ctx) {
      for (const { conn, ptr, action } of connections(ctx)) {
        const v = conn[key];
        const fault = typeof v === 'string' ? test(v, action) : undefined;
        if (fault) ctx.report({ pointer: `${ptr}/${key}`, ...fault });
      }
    },
  };
}

const CONNECTION_FIX = 'Write the account connection name or the 12-digit account id.';

export const connectionBlank = connectionRule(
  {
    code: 'WF-CONNECTION-BLANK',
    kind: 'workflow',
    severity: 'error',
    title: "A connection's Name is blank.",
    description: 'The connection Name is the account connection (its display name or the 12-digit account id); a blank one, usually a placeholder a generator left behind, names no account.',
    bad: deploy(env('prod', '""', 'deploy-role')),
    good: GOOD,
  },
  'Name',
  (cn, action) => (cn.trim() === '' ? { message: `The connection name of "${action}" is blank (${JSON.stringify(cn)}), a placeholder a generator left behind.`, fix: CONNECTION_FIX } : undefined),
);

export const connectionPlaceholder = connectionRule(
  {
    code: 'WF-CONNECTION-PLACEHOLDER',
    kind: 'workflow',
    severity: 'error',
    title: "A connection's Name holds a ${placeholder}.",
    description: 'Workflows do not substitute variables in Environment.Connections: the service would look for an account connection literally named "${...}".',
    bad: deploy(env('prod', '"${ACCOUNT}"', 'deploy-role')),
    good: GOOD,
  },
  'Name',
  (cn) => (cn.trim() !== '' && cn.includes('${') ? { message: `The connection name "${cn}" still holds a \${placeholder}; workflows do not substitute variables there.`, fix: CONNECTION_FIX } : undefined),
);

export const connectionName = connectionRule(
  {
    code: 'WF-CONNECTION-NAME',
    kind: 'workflow',
    severity: 'error',
    title: "A connection's Name is neither a valid connection name nor an account id.",
    description: 'An account connection is named by its display name (3 to 63 letters, digits, "_" or "-") or by the 12-digit AWS account id; anything else cannot name one.',
    bad: deploy(env('prod', 'prod account!', 'deploy-role')),
    good: GOOD,
  },
  'Name',
  (cn) =>
    cn.trim() !== '' && !cn.includes('${') && !CONNECTION_NAME.test(cn) && !ACCOUNT_ID.test(cn)
      ? { message: `The connection name "${cn}" is not valid: 3-63 letters, digits, "_" or "-", or a 12-digit account id.`, fix: 'Use the account connection display name or the account id, quoted.' }
      : undefined,
);

export const connectionNumeric: WorkflowRule = {
  code: 'WF-CONNECTION-NUMERIC',
  kind: 'workflow',
  severity: 'warning',
  title: "A connection's Name is a YAML number.",
  description: 'An unquoted account id is read as a number, and an id with leading zeros loses them that way (012345678901 becomes 12345678901). Quote account ids.',
  bad: deploy(env('prod', '111122223333', 'deploy-role')),
  good: deploy(env('prod', '"111122223333"', 'deploy-role')),
  check(ctx) {
    for (const { conn, ptr } of connections(ctx)) {
      const cn = conn['Name'];
      if (typeof cn === 'number') {
        ctx.report({ pointer: `${ptr}/Name`, message: `The connection name ${cn} is a number; an account id with leading zeros loses them this way.`, fix: `Quote it: Name: "${String(cn).padStart(12, '0')}".` });
      }
    }
  },
};

export const roleBlank = connectionRule(
  {
    code: 'WF-ROLE-BLANK',
    kind: 'workflow',
    severity: 'error',
    title: "A connection's Role is blank.",
    description: 'Role names the IAM role added to the account connection that the action assumes; a blank one names none.',
    bad: deploy(env('prod', 'prod-account', '""')),
    good: GOOD,
  },
  'Role',
  (role, action) => (role.trim() === '' ? { message: `The IAM role of "${action}" is blank (${JSON.stringify(role)}).`, fix: 'Write the name of the IAM role added to the account connection.' } : undefined),
);

export const rolePlaceholder = connectionRule(
  {
    code: 'WF-ROLE-PLACEHOLDER',
    kind: 'workflow',
    severity: 'error',
    title: "A connection's Role holds a ${placeholder}.",
    description: 'Workflows do not substitute variables in Environment.Connections: the service would look for a role literally named "${...}".',
    bad: deploy(env('prod', 'prod-account', '"${ROLE}"')),
    good: GOOD,
  },
  'Role',
  (role) => (role.trim() !== '' && role.includes('${') ? { message: `The role "${role}" still holds a \${placeholder}; workflows do not substitute variables there.`, fix: 'Write the IAM role name.' } : undefined),
);

export const roleArn = connectionRule(
  {
    code: 'WF-ROLE-ARN',
    kind: 'workflow',
    severity: 'error',
    title: "A connection's Role is an ARN instead of a role name.",
    description: 'Role takes the name of an IAM role added to the account connection (e.g. deploy-role), not its ARN.',
    bad: deploy(env('prod', 'prod-account', 'arn:aws:iam::111122223333:role/deploy-role')),
    good: GOOD,
  },
  'Role',
  (role) => (role.trim() !== '' && !role.includes('${') && role.startsWith('arn:') ? { message: `The role "${role}" is an ARN; Role takes the IAM role name.`, fix: `Write Role: ${role.split('/').pop()}.` } : undefined),
);

export const roleName = connectionRule(
  {
    code: 'WF-ROLE-NAME',
    kind: 'workflow',
    severity: 'error',
    title: "A connection's Role is not a valid IAM role name.",
    description: 'IAM role names are 1 to 64 letters, digits and the characters +=,.@_-; a name with other characters (a space, a slash) cannot be a role.',
    bad: deploy(env('prod', 'prod-account', 'deploy role')),
    good: GOOD,
  },
  'Role',
  (role) =>
    role.trim() !== '' && !role.includes('${') && !role.startsWith('arn:') && !ROLE_NAME.test(role)
      ? { message: `The role "${role}" is not a valid IAM role name (1-64 letters, digits and +=,.@_-).`, fix: 'Write the IAM role name added to the account connection.' }
      : undefined,
);
