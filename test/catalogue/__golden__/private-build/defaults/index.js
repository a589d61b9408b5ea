// A tiny program whose only dependency (mathjs) is installed from the private CodeArtifact repository.
const { evaluate } = require('mathjs');

function compute(expression) {
  return evaluate(expression);
}

module.exports = { compute };

if (require.main === module) {
  console.log(compute(process.argv[2] || 'sqrt(3^2 + 4^2)'));
}
