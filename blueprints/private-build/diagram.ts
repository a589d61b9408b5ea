import { artifactBucketName } from './build.js';
import type { PrivateBuildOptions } from './options.js';

/**
 * Mermaid flowchart of the delivery flow and the network path, for the README: who starts the build, where
 * it runs (inside the VPC, no internet), and which endpoint every request leaves through. Labels are escaped
 * like the workflow graphs', although the options' patterns already keep quotes and brackets out.
 */
export function renderDiagram(o: PrivateBuildOptions, endpoints: readonly string[]): string {
  const ca = o.codeArtifact;
  const node = (id: string, title: string, detail?: string) => `${id}["${esc(title)}${detail ? `<br/><small>${esc(detail)}</small>` : ''}"]`;
  const lines = ['flowchart LR', `  ${node('dev', 'git push', o.branch)}`];
  if (o.runner === 'codepipeline') {
    lines.push(
      `  ${node('src', 'Source', `${o.source.repository} (CodeConnections)`)}`,
      `  ${node('pipe', 'CodePipeline', o.projectName)}`,
      `  subgraph vpc["${esc(`${o.vpc.vpcId}: private subnets, no internet`)}"]`,
      `    ${node('build', 'CodeBuild', `${o.projectName} (buildspec.yml)`)}`,
      `    ${node('ep', 'VPC endpoints', endpoints.join(', '))}`,
      '  end',
      `  ${node('ca', 'CodeArtifact', `${ca.domain}/${ca.repository}`)}`,
      `  ${node('logs', 'CloudWatch Logs', `/aws/codebuild/${o.projectName}`)}`,
      `  ${node('s3', 'Amazon S3', `${artifactBucketName(o)}, package assets`)}`,
      '  dev --> src',
      '  src --> pipe',
      '  pipe --> build',
    );
  } else {
    lines.push(
      `  ${node('wf', 'CodeCatalyst workflow', '.codecatalyst/workflows/PrivateBuild.yaml')}`,
      `  subgraph vpc["${esc(`${o.vpc.vpcId}: private subnets, no internet`)}"]`,
      `    ${node('build', 'Build action', `environment ${o.codecatalyst.environment} (VPC connection)`)}`,
      `    ${node('ep', 'VPC endpoints', endpoints.join(', '))}`,
      '  end',
      `  ${node('ca', 'CodeArtifact', `${ca.domain}/${ca.repository}`)}`,
      `  ${node('s3', 'Amazon S3', 'package assets')}`,
      '  dev --> wf',
      '  wf --> build',
    );
  }
  lines.push('  build --> ep', '  ep --> ca');
  if (o.runner === 'codepipeline') lines.push('  ep --> logs');
  lines.push('  ep --> s3', `  ${node('up', 'public registries', 'through the upstream repositories')}`, '  ca -.-> up');
  return lines.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '#quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
