// Preloaded into a generated CDK app synthesized by the matrix: cdk-nag's AwsSolutions pack on every App before it
// synthesizes (explicitly or at exit), through CDK's own validations, so an unacknowledged finding fails the
// synthesis with cdk-nag's report, exactly as the app's own tests would.
'use strict';
const cdk = require('aws-cdk-lib');
const { AwsSolutionsChecks } = require('cdk-nag');

const synth = cdk.App.prototype.synth;
const checked = new WeakSet();
cdk.App.prototype.synth = function (...args) {
  if (!checked.has(this)) {
    checked.add(this);
    cdk.Validations.of(this).addPlugins(new AwsSolutionsChecks(this));
  }
  return synth.apply(this, args);
};
