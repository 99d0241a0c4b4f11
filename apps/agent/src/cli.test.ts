import { describe, expect, it } from 'vitest';
import { buildCli } from './cli.js';

describe('aura-agent CLI', () => {
  it('prints help naming the program and its purpose', () => {
    const help = buildCli().helpInformation();
    expect(help).toContain('Usage: aura-agent');
    expect(help).toContain('constant-size memory');
    expect(help).toContain('--version');
  });

  it('reports package, core and wire versions', () => {
    let output = '';
    const cli = buildCli()
      .exitOverride()
      .configureOutput({ writeOut: (text) => (output += text) });
    expect(() => cli.parse(['node', 'aura-agent', '--version'])).toThrow();
    expect(output).toMatch(/^0\.1\.0 \(core 0\.1\.0, wire v1\)/);
  });
});
