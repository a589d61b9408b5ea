import { describe, expect, it } from 'vitest';
import { starter } from '../../blueprints/starter/index.js';
import { renderBlueprint } from '../../src/io/generate.js';

describe('starter', () => {
  it('.gitignore: the usual patterns, then the ones given, each once and in the order given', () => {
    const files = renderBlueprint(starter, { ...starter.defaults, ignore: ['.env', 'coverage/', 'node_modules/', '*.tmp'] });
    expect(files.get('.gitignore')!.content.split('\n').filter(Boolean)).toEqual(['node_modules/', 'dist/', 'cdk.out/', '*.log', '.env', 'coverage/', '*.tmp']);
  });
});
