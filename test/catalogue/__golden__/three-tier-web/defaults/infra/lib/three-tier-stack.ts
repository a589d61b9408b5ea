import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';

export interface ThreeTierStackProps extends StackProps {
  /** Stage name, e.g. dev or prod; also the API Gateway stage name. */
  readonly stage: string;
  /** Production keeps its table (and point-in-time recovery) when the stack is deleted. @default false */
  readonly production?: boolean;
  /** Lambda runtime of the API: bin/app.ts passes the blueprint's `pythonRuntime` option. */
  readonly runtime: lambda.Runtime;
}

/** The three tiers: a static web front end (S3 + CloudFront), an API (API Gateway + Lambda) and a DynamoDB table. */
export class ThreeTierStack extends Stack {
  constructor(scope: Construct, id: string, props: ThreeTierStackProps) {
    super(scope, id, props);
    const production = props.production ?? false;

    const table = new dynamodb.Table(this, 'Items', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: production },
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const handler = new lambda.Function(this, 'ApiHandler', {
      runtime: props.runtime,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'api'), { exclude: ['test_*.py', '__pycache__', '*.pyc', '.pytest_cache', 'requirements-dev.txt'] }),
      timeout: Duration.seconds(10),
      memorySize: 256,
      environment: { TABLE_NAME: table.tableName },
    });
    table.grantReadWriteData(handler);

    const api = new apigateway.LambdaRestApi(this, 'Api', {
      handler,
      deployOptions: { stageName: props.stage },
      defaultCorsPreflightOptions: { allowOrigins: apigateway.Cors.ALL_ORIGINS },
    });

    const site = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const distribution = new cloudfront.Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
    });
    new s3deploy.BucketDeployment(this, 'DeploySite', {
      destinationBucket: site,
      distribution,
      sources: [
        s3deploy.Source.asset(path.join(__dirname, '..', '..', 'web')),
        // The front end reads the API address at run time, so one build serves every stage.
        s3deploy.Source.jsonData('config.json', { apiUrl: api.url }),
      ],
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'SiteUrl', { value: `https://${distribution.distributionDomainName}` });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
