#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { ImageRecognitionStack } from '../lib/image-recognition-stack';

// One stack per stage. The stage comes from the CDK context (`cdk deploy -c stage=prod`); the deploy workflow
// passes it in each deploy action's Context, so the same app deploys every stage into that stage's account.
const appName = "image-recognition";
const stages: Record<string, { account: string; region: string }> = {
  "dev": {
    "account": "111111111111",
    "region": "us-east-1"
  },
  "test": {
    "account": "222222222222",
    "region": "us-east-1"
  },
  "prod": {
    "account": "333333333333",
    "region": "us-east-1"
  }
};

const app = new App();
const stage: string = app.node.tryGetContext('stage') ?? "dev";
const env = stages[stage];
if (!env) {
  throw new Error(`Unknown stage "${stage}". Known stages: ${Object.keys(stages).join(', ')}`);
}

new ImageRecognitionStack(app, `${appName}-${stage}`, {
  env,
  stage,
  production: stage === "prod",
  emailApiUrl: "",
  description: `${appName} (${stage}): event-driven image recognition`,
});
