import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { accessLogBucket, acknowledgeCdkFunction, appFunction, appRestApi, logAccessTo, removalOf } from './hardening';

/** Who may call the API: users of the stack's Cognito user pool, or anyone (open access, only when chosen). */
export type ApiAuthorization = 'cognito' | 'none';

export interface ThreeTierStackProps extends StackProps {
  /** Stage name, e.g. dev or prod; also the API Gateway stage name. */
  readonly stage: string;
  /** Production keeps its table, user pool and logs when the stack is deleted. @default false */
  readonly production?: boolean;
  /** Lambda runtime of the API: lib/app.ts passes the blueprint's `pythonRuntime` option. */
  readonly runtime: lambda.Runtime;
  /** Who may call the API: lib/app.ts passes the blueprint's `apiAuthorization` option. @default 'cognito' */
  readonly apiAuthorization?: ApiAuthorization;
}

/** The three tiers: a static web front end (S3 + CloudFront), an API (API Gateway + Lambda) and a DynamoDB table. */
export class ThreeTierStack extends Stack {
  constructor(scope: Construct, id: string, props: ThreeTierStackProps) {
    super(scope, id, props);
    const production = props.production ?? false;
    const authorization = props.apiAuthorization ?? 'cognito';

    const table = new dynamodb.Table(this, 'Items', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      // Every stage can be restored to any second of the last 35 days, after a bad deployment or script.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: removalOf(production),
    });

    // The web front end: a private bucket that only CloudFront reads; both log their requests to a log bucket.
    const accessLogs = accessLogBucket(this, 'AccessLogs', production);
    const site = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // The site is rebuilt from web/ at every deployment.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    logAccessTo(site, accessLogs, 's3/site/');
    const distribution = new cloudfront.Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
      enableLogging: true,
      logBucket: accessLogs,
      logFilePrefix: 'cloudfront/',
    });
    const acknowledgeCdn = (id: string, reason: string) => Validations.of(distribution).acknowledge({ id, reason });
    acknowledgeCdn(
      'AwsSolutions-CFR4',
      "a limit of the service: the site is served on its *.cloudfront.net name with CloudFront's default certificate, whose TLS policy CloudFront sets (TLSv1 and later); with a domain of your own, give the distribution its certificate and minimumProtocolVersion TLS_V1_2_2021",
    );
    acknowledgeCdn('AwsSolutions-CFR1', 'yours to decide: the site serves every country; add a geoRestriction once the audience is known');
    acknowledgeCdn(
      'AwsSolutions-CFR2',
      'a limit of the service: a web ACL for CloudFront can only be made in us-east-1, not in this stack; the site is static files, and the API, which changes data, has its own web ACL',
    );
    const siteOrigin = `https://${distribution.distributionDomainName}`;

    // The API.
    const handler = appFunction(this, 'ApiHandler', {
      production,
      runtime: props.runtime,
      handler: 'app.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'api'), { exclude: ['test_*.py', '__pycache__', '*.pyc', '.pytest_cache', 'requirements-dev.txt'] }),
      timeout: Duration.seconds(10),
      memorySize: 256,
      // Responses allow the site, and only the site, to read them in a browser.
      environment: { TABLE_NAME: table.tableName, ALLOWED_ORIGIN: siteOrigin },
    });
    handler.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Scan', 'dynamodb:PutItem'], resources: [table.tableArn] }));

    const { api, validator } = appRestApi(this, 'Api', {
      stageName: props.stage,
      production,
      description: `${id}: items API`,
      defaultCorsPreflightOptions: { allowOrigins: [siteOrigin], allowMethods: ['GET', 'POST'], allowHeaders: ['Authorization', 'Content-Type'] },
    });
    // What API Gateway answers itself (401 without a valid token, 400 from the validator) carries the CORS header
    // too, so the page can tell the user why.
    api.addGatewayResponse('Default4xx', { type: apigateway.ResponseType.DEFAULT_4XX, responseHeaders: { 'Access-Control-Allow-Origin': `'${siteOrigin}'` } });
    api.addGatewayResponse('Default5xx', { type: apigateway.ResponseType.DEFAULT_5XX, responseHeaders: { 'Access-Control-Allow-Origin': `'${siteOrigin}'` } });

    let auth: apigateway.MethodOptions;
    let signIn: Record<string, string> = {};
    if (authorization === 'cognito') {
      const users = new cognito.UserPool(this, 'Users', {
        // Users are invited (aws cognito-idp admin-create-user); nobody signs up on their own.
        selfSignUpEnabled: false,
        signInAliases: { email: true },
        passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
        // A one-time code from an authenticator app at every sign-in; the page sets it up at the first one.
        mfa: cognito.Mfa.REQUIRED,
        mfaSecondFactor: { sms: false, otp: true },
        accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
        // The Plus plan's threat protection blocks sign-ins with leaked passwords and risky sign-ins.
        featurePlan: cognito.FeaturePlan.PLUS,
        standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
        deletionProtection: production,
        removalPolicy: removalOf(production),
      });
      // The page signs in with the Cognito API directly: a public client (a browser keeps no secret).
      const client = users.addClient('WebClient', { authFlows: { userPassword: true }, generateSecret: false, preventUserExistenceErrors: true });
      auth = {
        authorizationType: apigateway.AuthorizationType.COGNITO,
        authorizer: new apigateway.CognitoUserPoolsAuthorizer(this, 'ApiAuthorizer', { cognitoUserPools: [users] }),
      };
      signIn = { region: this.region, userPoolClientId: client.userPoolClientId };
      new CfnOutput(this, 'UserPoolId', { value: users.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: client.userPoolClientId });
    } else {
      auth = { authorizationType: apigateway.AuthorizationType.NONE };
    }

    const integration = new apigateway.LambdaIntegration(handler);
    const item = api.addModel('Item', {
      contentType: 'application/json',
      schema: {
        schema: apigateway.JsonSchemaVersion.DRAFT4,
        type: apigateway.JsonSchemaType.OBJECT,
        required: ['name'],
        properties: { name: { type: apigateway.JsonSchemaType.STRING, minLength: 1, maxLength: 200 } },
      },
    });
    const methods = [
      api.root.addMethod('GET', integration, auth),
      api.root.addMethod('POST', integration, { ...auth, requestValidator: validator, requestModels: { 'application/json': item } }),
    ];
    if (authorization === 'none') {
      for (const method of methods) {
        for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
          Validations.of(method).acknowledge({ id: rule, reason: "the options' choice: open access was chosen with the apiAuthorization option 'none': the README warns that anyone can read and write the table" });
        }
      }
    }

    const deployment = new s3deploy.BucketDeployment(this, 'DeploySite', {
      destinationBucket: site,
      distribution,
      sources: [
        s3deploy.Source.asset(path.join(__dirname, '..', '..', 'web')),
        // The front end reads the API address (and where to sign in) at run time, so one build serves every stage.
        s3deploy.Source.jsonData('config.json', { apiUrl: api.url, auth: authorization, ...signIn }),
      ],
    });
    acknowledgeCdkFunction(deployment.handlerRole.node.scope!, 'the site upload (s3deploy.BucketDeployment)');

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'SiteUrl', { value: siteOrigin });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
