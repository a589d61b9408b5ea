import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * Your application: one copy is deployed per pipeline stage. Replace the example stack with your own.
 * Every IAM role and user created here gets the stage's permission boundary (see lib/pipeline-stack.ts),
 * and any change that broadens permissions waits for a security approval before it is deployed.
 */
export class ApplicationStage extends cdk.Stage {
  constructor(scope: Construct, id: string, props: cdk.StageProps) {
    super(scope, id, props);
    new ServiceStack(this, 'Service');
  }
}

/** An example: a bucket and a role that may read it. */
export class ServiceStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'Data', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
    });
    const worker = new iam.Role(this, 'Worker', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    bucket.grantRead(worker);
  }
}
