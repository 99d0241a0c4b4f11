import { spawnSync } from 'node:child_process';
import { WORKSPACE_ROOT } from './stack.js';

/**
 * Runs a command to its end from the workspace root, as a user's pnpm script does (`tsxCommand(entry, …)`
 * for a workspace entry point), for tests of a command line: its exit status and output.
 */
export function runCommand(command: string[], timeoutMs = 60_000) {
  const [file, ...args] = command;
  if (!file) throw new Error('runCommand: empty command');
  const child = spawnSync(file, args, { cwd: WORKSPACE_ROOT, encoding: 'utf8', timeout: timeoutMs });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}
