/** IAM actions whose resource is `*` in the policies this project generates, and the reason each may be. */

/** Actions that have no resource-level permissions: `*` is the only resource IAM accepts for them. */
export const RESOURCE_WILDCARD_ONLY_ACTIONS: readonly string[] = [
  'sts:GetCallerIdentity',
  'sts:GetServiceBearerToken',
  'ec2:DescribeDhcpOptions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeVpcs',
];

/**
 * Actions that do have resource types, but that CodeBuild's documented service-role policy for VPC builds (and
 * aws-cdk-lib's) grants on `*`: CodeBuild creates and deletes the build's network interface itself, so its ARN is
 * not known in advance. The part that can be scoped, `ec2:CreateNetworkInterfacePermission`, is limited to the
 * build's subnets and to CodeBuild by conditions.
 */
export const CODEBUILD_VPC_WILDCARD_ACTIONS: readonly string[] = ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface'];

/** Every action a generated policy grants on `*`: no resource-level permissions, or documented so for CodeBuild VPC builds. */
export const WILDCARD_RESOURCE_ACTIONS: readonly string[] = [...RESOURCE_WILDCARD_ONLY_ACTIONS, ...CODEBUILD_VPC_WILDCARD_ACTIONS];
