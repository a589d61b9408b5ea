// Runs with node's own test runner: no test framework to download.
const test = require('node:test');
const assert = require('node:assert');
const { compute } = require('./index.js');

test('evaluates an expression with mathjs', () => {
  assert.strictEqual(compute('sqrt(3^2 + 4^2)'), 5);
});
