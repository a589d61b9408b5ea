/**
 * The permission boundary policy as a CloudFormation template (a value, serialized by the one YAML
 * serializer). It is the "developer-policy" of AWS's "Secure CDK deployments with IAM permission boundaries",
 * parameterized so that one template serves every stage: allow everything, except
 *  - creating users or roles, or setting a boundary, unless the boundary is this policy (no escalation);
 *  - changing this policy; removing a boundary from any user or role;
 *  - the stage's own denied actions (laxer in dev, strict in prod).
 */
export function renderBoundaryTemplate(): Record<string, unknown> {
  const self = { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${BoundaryName}' };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'IAM permission boundary for CDK deployments (catalyst-gen secure CDK pipeline).',
    Parameters: {
      BoundaryName: {
        Type: 'String',
        Description: 'Name of the managed policy; the name given to "cdk bootstrap --custom-permissions-boundary".',
        AllowedPattern: '[\\w+=,.@-]+',
        MinLength: 1,
        MaxLength: 128,
      },
      DeniedActions: {
        Type: 'CommaDelimitedList',
        Description: 'Actions denied on top of the escalation guards, e.g. "config:*,cloudtrail:*". Empty for none.',
        Default: '',
      },
    },
    Conditions: {
      HasDeniedActions: { 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Join': ['', { Ref: 'DeniedActions' }] }, ''] }] },
    },
    Resources: {
      PermissionsBoundary: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          ManagedPolicyName: { Ref: 'BoundaryName' },
          Description: 'Permission boundary for CDK deployments',
          Path: '/',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              // A boundary without an explicit Allow denies everything.
              { Sid: 'ExplicitAllowAll', Effect: 'Allow', Action: '*', Resource: '*' },
              {
                Sid: 'DenyAccessIfRequiredPermBoundaryIsNotBeingApplied',
                Effect: 'Deny',
                Action: ['iam:CreateUser', 'iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:PutUserPermissionsBoundary'],
                Resource: '*',
                Condition: { StringNotEquals: { 'iam:PermissionsBoundary': self } },
              },
              {
                Sid: 'DenyPermBoundaryIAMPolicyAlteration',
                Effect: 'Deny',
                Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
                Resource: self,
              },
              {
                Sid: 'DenyRemovalOfPermBoundaryFromAnyUserOrRole',
                Effect: 'Deny',
                Action: ['iam:DeleteUserPermissionsBoundary', 'iam:DeleteRolePermissionsBoundary'],
                Resource: '*',
              },
              {
                'Fn::If': [
                  'HasDeniedActions',
                  { Sid: 'DenyStageSpecificActions', Effect: 'Deny', Action: { Ref: 'DeniedActions' }, Resource: '*' },
                  { Ref: 'AWS::NoValue' },
                ],
              },
            ],
          },
        },
      },
    },
    Outputs: {
      BoundaryArn: { Description: 'ARN of the boundary policy', Value: { Ref: 'PermissionsBoundary' } },
    },
  };
}
