/** Builders of the small buildspecs the rules' examples are made of. */
export const build = (commands = '      - npm test\n', rest = '', version = '0.2') => `version: ${version}\n${rest}phases:\n  build:\n    commands:\n${commands}`;
export const GOOD = build();
export const install = (runtimes: string) => `version: 0.2\nphases:\n  install:\n    runtime-versions:\n${runtimes}  build:\n    commands:\n      - npm test\n`;
export const batch = (body: string) => `version: 0.2\nbatch:\n${body}phases:\n  build:\n    commands:\n      - npm test\n`;
