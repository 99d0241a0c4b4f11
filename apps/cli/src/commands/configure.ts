import type { Command } from 'commander';
import { apiClient, call } from '../api/call-api.js';
import { profileFilePath, saveProfile } from '../config/cli-config.js';
import type { CliContext } from '../context.js';
import { CliError, EXIT, UsageError } from '../exit-codes.js';
import { examples } from '../help.js';

export function registerConfigure(program: Command, ctx: CliContext) {
  const configure = program
    .command('configure')
    .description(
      'Save the API URL (--api-url) and key as a profile (--profile, default "default") in the profile file ' +
        '(mode 0600; $AURA_CONFIG_FILE or ~/.config/aura/profiles.json), after checking the key against the API. ' +
        'The key comes from AURA_API_KEY or stdin, never from a flag.',
    )
    .option('--api-key-stdin', 'read the key from stdin instead of AURA_API_KEY')
    .option('--default', 'make it the default profile (the first one saved always is)')
    .option('--no-verify', 'save without checking the key against the API')
    .action(async (opts: { apiKeyStdin?: boolean; default?: boolean; verify: boolean }, command: Command) => {
      // --api-url and --profile are the global options; here they name what to save.
      const globals = ctx.globals(command);
      const profile = globals.profile ?? 'default';
      if (!globals.apiUrl) throw new UsageError('configure needs --api-url URL (the API to save)');
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(profile))
        throw new UsageError('--profile must be 1-64 letters, digits, . _ -');
      try {
        const url = new URL(globals.apiUrl);
        if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
      } catch {
        throw new UsageError(`--api-url must be an http(s) URL, got "${globals.apiUrl}"`);
      }
      const apiKey = (opts.apiKeyStdin ? await ctx.readStdin() : (ctx.env.AURA_API_KEY ?? '')).trim();
      if (!apiKey) throw new UsageError('no key: set AURA_API_KEY or pipe it in with --api-key-stdin');
      const apiUrl = globals.apiUrl.replace(/\/$/, '');
      let who = '';
      if (opts.verify) {
        const me = await call(apiUrl, apiClient(apiUrl, apiKey).GET('/v1/me'));
        who = ` as ${me.name} (${me.role})`;
      }
      const file = profileFilePath(ctx.env);
      try {
        await saveProfile(file, profile, { apiUrl, apiKey }, opts.default === true);
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(`cannot write ${file}: ${(error as Error).message}`, EXIT.failure);
      }
      await ctx.print(
        command,
        { profile, file, apiUrl },
        () => `saved profile "${profile}"${who} in ${file} (mode 0600)\n`,
      );
    });
  examples(configure, [
    ['AURA_API_KEY=aura_ak_… aura --api-url https://fleet.example.com configure', 'the default profile'],
    [
      'pass aura/staging | aura --profile staging --api-url https://staging.example.com configure --api-key-stdin',
      'a second profile',
    ],
  ]);
}
