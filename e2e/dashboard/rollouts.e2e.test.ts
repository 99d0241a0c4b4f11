import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  confirmInDialog,
  launchChromium,
  type Stack,
  SCREENSHOTS as shots,
  signIn,
  startStack,
} from '@aura/testing';
import { runServiceEnv } from '@aura/testing/vitest';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const ROBOTS = 4;
const TAG = 'e2e-fleet';

/**
 * Rollout pages in a real browser against the real API, worker and database, with the agent's fleet
 * simulator as the robots (real ONNX steps, telemetry uploads, config long-polls, applies and acks):
 * create through the form (live count, inline validation, preview), start, watch robots apply, abort
 * through the confirmation dialog, see the revert confirmed; a viewer sees it read-only.
 */
describe('rollout pages in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let sim: ChildProcess | undefined;
  let simOutput = '';
  let stateDir: string;
  let defaultVersionId: string;
  let newVersionId: string;
  let rolloutId: string;

  const robots = async () => {
    const { data } = await stack.operatorApi.GET('/v1/robots', {
      params: { query: { tag: TAG, limit: 50 } },
    });
    return data?.items ?? [];
  };

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    stack = await startStack(
      runServiceEnv(),
      // Simulated robots upload every second and long-poll: no per-robot rate limit in this test.
      { worker: true, apiEnv: { AGENT_RATE_LIMIT: '0' } },
    );
    const token = await stack.operatorApi.POST('/v1/enrollment-tokens', {
      body: { name: 'e2e rollout fleet', maxUses: ROBOTS, tags: [TAG] },
    });
    stateDir = mkdtempSync(path.join(tmpdir(), 'aura-e2e-rollouts-'));
    const configFile = path.join(stateDir, 'agent.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        name: 'e2e-bot',
        stateDir: 'fleet',
        model: { path: path.join(root, 'models/aura-mem-hard-v1.onnx') },
        persistence: { mode: 'snapshot' },
        telemetry: { windowSeconds: 1 },
        development: true, // plain http:// to the test API
        api: { url: stack.apiUrl },
      }),
    );
    const child = spawn(
      process.execPath,
      [
        '--conditions=@aura/source',
        '--import',
        'tsx',
        'src/main.ts',
        'sim',
        '--config',
        configFile,
        '--robots',
        String(ROBOTS),
        '--hz',
        '10',
        '--flush-timeout',
        '2',
        '--no-status',
      ],
      {
        cwd: path.join(root, 'apps/agent'),
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'test',
          AURA_AGENT_ENROLLMENT_TOKEN: token.data!.token,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    sim = child;
    child.stdout?.on('data', (chunk: Buffer) => (simOutput += String(chunk)));
    child.stderr?.on('data', (chunk: Buffer) => (simOutput += String(chunk)));
    // Every simulated robot enrolled, reporting, and running the fleet default it acknowledged.
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`sim exited: ${simOutput.slice(-2000)}`);
      const fleet = await robots();
      const ready = fleet.filter(
        (r) => r.latestTelemetry && r.appliedConfigVersion === r.desiredConfigVersion,
      );
      if (ready.length === ROBOTS) break;
      if (Date.now() > deadline)
        throw new Error(`${ready.length}/${ROBOTS} simulated robots ready: ${simOutput.slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    defaultVersionId = (await robots())[0]!.desiredPolicyVersionId!;
    const policy = await stack.operatorApi.POST('/v1/policies', {
      body: { name: 'e2e-lower-tau', tau: 0.3 },
    });
    newVersionId = policy.data!.versions[0]!.id;
    // A group nobody is in: a target the API refuses to create a rollout for.
    await stack.operatorApi.POST('/v1/groups', { body: { name: 'e2e-empty' } });
    expect(newVersionId).not.toBe(defaultVersionId);

    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (sim && sim.exitCode === null) {
      const exited = new Promise((resolve) => sim?.once('exit', resolve));
      sim.kill('SIGTERM');
      const timer = setTimeout(() => sim?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await stack?.stop();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('shows the empty list and, for an operator, the create link', async () => {
    await signIn(page, stack.dashboardUrl, await stack.createOperator('operator', 'Olga Operator'));
    await page.getByRole('link', { name: 'Rollouts' }).click();
    await page.waitForSelector('#rollouts-heading');
    expect(await page.locator('main').innerText()).toContain('No rollouts yet');
    await page.getByRole('link', { name: 'New rollout' }).click();
    await page.waitForSelector('#new-rollout-heading');
  });

  it('creates a draft through the form: live count, inline validation, preview first', async () => {
    const count = page.locator('#target-count');
    await expect.poll(() => count.innerText()).toContain('0 robots match');
    await page.getByLabel('Name', { exact: true }).fill('Lower τ on the e2e fleet');
    await page.getByLabel('Policy version').selectOption({ label: 'e2e-lower-tau v1 · τ 0.30' });
    // The API's own refusal (a target matching no robot) lands beside the target, as an alert too.
    const emptyGroup = page.getByRole('checkbox', { name: 'e2e-empty (0)' });
    await emptyGroup.check();
    await expect.poll(() => count.innerText()).toBe('0 robots match');
    await page.getByRole('button', { name: 'Preview impact' }).click();
    await expect
      .poll(() => page.locator('section[aria-labelledby="preview-heading"]').innerText())
      .toContain('0 target robots');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect.poll(() => page.locator('#field-target-error').innerText()).toBe('matches no robot');
    expect(await page.locator('form [role="alert"]').innerText()).toBe('The target matches no robot');
    await emptyGroup.uncheck();
    await page.getByRole('checkbox', { name: TAG, exact: true }).check();
    await expect.poll(() => count.innerText()).toBe(`${ROBOTS} robots match`);
    // Explicit robots add nothing the tag already names (union, each robot once).
    const first = (await robots()).sort((a, b) => a.name.localeCompare(b.name))[0]!;
    await page.getByRole('checkbox', { name: first.name, exact: true }).check();
    await expect.poll(() => count.innerText()).toBe(`${ROBOTS} robots match`);
    // Agent filters (issue 16): the simulated robots' agents report this machine's architecture, so
    // another one leaves every robot out and the count says why; a bad semver range is named beside
    // its field; adding this machine's architecture brings them all back.
    const otherArch = page.getByRole('checkbox', {
      name: process.arch === 'arm64' ? 'x64' : 'arm64',
      exact: true,
    });
    await otherArch.check();
    await expect
      .poll(() => count.innerText())
      .toBe(`0 robots match · ${ROBOTS} left out: other agent version or hardware`);
    await page.getByRole('checkbox', { name: process.arch, exact: true }).check();
    await expect.poll(() => count.innerText()).toBe(`${ROBOTS} robots match`);
    const versions = page.getByLabel('Agent versions (semver range)');
    await versions.fill('newest');
    await expect
      .poll(() => page.locator('#field-target-agentVersions-error').innerText())
      .toContain('must be a semver range');
    await versions.fill('');
    await otherArch.uncheck();
    await page.getByRole('checkbox', { name: process.arch, exact: true }).uncheck();
    await expect.poll(() => count.innerText()).toBe(`${ROBOTS} robots match`);

    // Defaults 10 / 50 / 100; step 1 at 100 breaks "strictly increasing": said next to step 2.
    const percents = page.getByLabel('Percent');
    expect(await percents.count()).toBe(3);
    expect(await percents.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))).toEqual([
      '10',
      '50',
      '100',
    ]);
    expect(await page.getByLabel('Max write-rate increase').inputValue()).toBe('0.25');
    expect(await page.getByLabel('Min samples per cohort (steps)').inputValue()).toBe('1000');
    await percents.first().fill('100');
    await percents.first().blur();
    await page.getByLabel('Percent').nth(1).focus();
    await page.getByLabel('Percent').nth(1).blur();
    await expect
      .poll(() => page.locator('#field-steps-1-percent-error').innerText())
      .toBe("must be greater than the previous step's 100");
    expect(await page.getByLabel('Percent').nth(1).getAttribute('aria-invalid')).toBe('true');
    // One step of 100 % with a long bake: the rollout stays running until the test aborts it.
    await page.getByRole('button', { name: 'Remove step 3' }).click();
    await page.getByRole('button', { name: 'Remove step 2' }).click();
    await page.getByLabel('Bake (seconds)').fill('600');
    expect(await page.locator('#field-steps-1-percent-error').count()).toBe(0);

    const create = page.getByRole('button', { name: 'Create draft' });
    expect(await create.isDisabled()).toBe(true); // preview first
    await page.getByRole('button', { name: 'Preview impact' }).click();
    const preview = page.locator('section[aria-labelledby="preview-heading"]');
    // a preview over 4 reporting robots can take seconds on a loaded machine
    await expect
      .poll(() => preview.innerText(), { timeout: 20_000 })
      .toContain(`${ROBOTS} target robots · new τ 0.30`);
    expect(await preview.innerText()).not.toContain('The spec changed since this preview');
    const row = await preview.locator('tbody tr').first().innerText();
    expect(row).toMatch(new RegExp(`^1\\s+100 %\\s+${ROBOTS}\\s+${ROBOTS}\\s+[0-9.]+\\s+[0-9.]+`));
    // old τ vs new τ from the model's τ curve: episode success now and predicted, with the change in points
    expect(await preview.innerText()).toMatch(/% episode success \(from its τ curve\)/);
    expect(row).toMatch(/[0-9.]+ %\s+[0-9.]+ % \([+−][0-9.]+ points\)/);
    expect(await create.isDisabled()).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: path.join(shots, 'rollout-create.png'), fullPage: true });
    // Tablet width: the form reflows, nothing scrolls the page sideways.
    await page.setViewportSize({ width: 820, height: 1180 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await page.setViewportSize({ width: 1280, height: 800 });

    await create.click();
    await page.waitForURL(/\/rollouts\/[0-9a-f-]{36}$/);
    rolloutId = page.url().split('/').at(-1)!;
    await page.waitForSelector('#rollout-heading');
    expect(await page.locator('main').innerText()).toContain('draft');
  });

  it('starts it behind a confirmation that needs a reason, and shows robots applying', async () => {
    await page.getByRole('button', { name: 'Start' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start this rollout?' });
    await dialog.waitFor();
    // Focus moved into the modal, on the reason.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      await dialog.getByLabel('Reason (required, audited)').getAttribute('id'),
    );
    await dialog.getByRole('button', { name: 'Start' }).click();
    expect(await dialog.getByRole('alert').innerText()).toContain('Give a reason');
    await dialog.getByLabel('Reason (required, audited)').fill('lower τ to save flash on the e2e fleet');
    await confirmInDialog(dialog, 'Start');
    await expect.poll(() => page.locator('#status-reason').innerText()).toContain('started: lower τ');

    // Live progress without reloads: the robots' long-polls wake, they apply and ack.
    const applied = page.locator('tbody tr[aria-current="step"] td[data-state="applied"]');
    await expect.poll(() => applied.innerText(), { timeout: 30_000, interval: 500 }).toBe(String(ROBOTS));
    await page.getByText(`Per-robot states (${ROBOTS} robots)`).click();
    await expect
      .poll(() => page.locator('tr[data-state="applied"]').count(), { timeout: 10_000 })
      .toBe(ROBOTS);
    for (const robot of await robots()) {
      expect(robot.desiredPolicyVersionId).toBe(newVersionId);
    }
    // Escape cancels a confirmation; focus goes back to the button that opened it.
    await page.getByRole('button', { name: 'Pause' }).click();
    const pause = page.getByRole('dialog', { name: 'Pause this rollout?' });
    await pause.waitFor();
    await page.keyboard.press('Escape');
    await pause.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Pause');
    expect(await page.locator('main').innerText()).toContain('No verdict yet');

    // Pause, then resume, each with a reason: the status and the offered verbs follow.
    await page.getByRole('button', { name: 'Pause' }).click();
    await pause.waitFor();
    await pause.getByLabel('Reason (required, audited)').fill('e2e: hold while we look');
    await confirmInDialog(pause, 'Pause');
    await expect
      .poll(() => page.locator('#status-reason').innerText())
      .toBe('paused: e2e: hold while we look');
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Resume' }).click();
    const resume = page.getByRole('dialog', { name: 'Resume this rollout?' });
    await resume.waitFor();
    await resume.getByLabel('Reason (required, audited)').fill('e2e: carry on');
    await confirmInDialog(resume, 'Resume');
    await expect.poll(() => page.locator('#status-reason').innerText()).toContain('resumed: e2e: carry on');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    const verbs = await stack.operatorApi.GET('/v1/audit', {
      params: { query: { targetId: rolloutId, targetType: 'rollout' } },
    });
    expect(verbs.data?.items.map((e) => e.action).slice(0, 3)).toEqual([
      'rollout.resume',
      'rollout.pause',
      'rollout.start',
    ]);
    await page.screenshot({ path: path.join(shots, 'rollout-in-progress.png'), fullPage: true });

    // Tablet: the page does not scroll sideways; wide tables scroll inside their wrapper.
    const tablet = await page.context().newPage();
    await tablet.setViewportSize({ width: 820, height: 1180 });
    await tablet.goto(`${stack.dashboardUrl}/rollouts/${rolloutId}`, { waitUntil: 'networkidle' });
    await tablet.waitForSelector('#rollout-heading');
    expect(await tablet.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    const wrapper = tablet.locator('section[aria-label="Progress per step"]');
    expect(await wrapper.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
    await tablet.screenshot({ path: path.join(shots, 'rollout-detail-tablet.png'), fullPage: true });
    await tablet.close();
  });

  it('aborts with a reason and shows every robot reverted and confirmed', async () => {
    await page.getByRole('button', { name: 'Abort' }).click();
    const dialog = page.getByRole('dialog', { name: 'Abort this rollout?' });
    await dialog.waitFor();
    await page.keyboard.type('e2e: abort and check the revert');
    await confirmInDialog(dialog, 'Abort');
    // Focus returns to the page, not lost in a closed dialog.
    expect(await page.evaluate(() => document.activeElement?.closest('dialog'))).toBeNull();
    await expect.poll(() => page.locator('#status-reason').innerText()).toContain('aborted: e2e: abort');
    expect(await page.getByRole('button', { name: 'Abort' }).count()).toBe(0);
    await expect
      .poll(() => page.locator('#revert-summary').innerText(), { timeout: 30_000, interval: 500 })
      .toContain(`${ROBOTS} robots returned to their previous version · ${ROBOTS} confirmed`);
    expect(await page.locator('td[data-state="reverted"]').first().innerText()).toBe(String(ROBOTS));
    await expect.poll(() => page.locator('tr[data-state="reverted"]').count()).toBe(ROBOTS);
    expect(await page.locator('tbody').last().innerText()).toContain('confirmed');
    await page.screenshot({ path: path.join(shots, 'rollout-aborted.png'), fullPage: true });
    // A count links to its robots: the per-robot table filtered to that step and state, open.
    await page.getByRole('link', { name: `${ROBOTS} reverted in step 1: list them` }).click();
    await page.waitForURL(/\?step=0&state=reverted#robots$/);
    await expect.poll(() => page.locator('tr[data-state="reverted"]').count()).toBe(ROBOTS);
    expect(await page.locator('details').getAttribute('open')).not.toBeNull();
    expect(await page.locator('main').innerText()).toContain('Showing step 1, reverted');

    // Through the API: the robots are told, and run, the version they had before.
    for (const robot of await robots()) {
      expect(robot.desiredPolicyVersionId).toBe(defaultVersionId);
      expect(robot.appliedPolicyVersionId).toBe(defaultVersionId);
      expect(robot.desiredRolloutId).toBeNull();
    }
    const audit = await stack.operatorApi.GET('/v1/audit', {
      params: { query: { action: 'rollout.abort', targetId: rolloutId } },
    });
    expect(audit.data?.items[0]?.reason).toBe('e2e: abort and check the revert');
  });

  it('lists the rollout in its history', async () => {
    await page.getByRole('link', { name: 'All rollouts' }).click();
    await page.waitForSelector('#rollouts-heading');
    const row = await page.locator('tbody tr').first().innerText();
    expect(row).toContain('Lower τ on the e2e fleet');
    expect(row).toContain('aborted');
    expect(row).toContain('e2e-lower-tau v1');
    expect(row).toContain(`tag ${TAG} · 1 robot`);
    expect(row).toContain('Olga Operator');
    await page.screenshot({ path: path.join(shots, 'rollouts-list.png'), fullPage: true });
  });

  it('shows a viewer the rollout read-only: no verbs, no create', async () => {
    const viewer = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(viewer, stack.dashboardUrl, await stack.createOperator('viewer', 'Vera Viewer'));
    await viewer.goto(`${stack.dashboardUrl}/rollouts`, { waitUntil: 'networkidle' });
    expect(await viewer.getByRole('link', { name: 'New rollout' }).count()).toBe(0);
    await viewer.goto(`${stack.dashboardUrl}/rollouts/${rolloutId}`, { waitUntil: 'networkidle' });
    await viewer.waitForSelector('#rollout-heading');
    expect(await viewer.locator('main').innerText()).toContain('Read-only');
    expect(await viewer.locator('section[aria-labelledby="rollout-heading"] button').count()).toBe(0);
    await viewer.goto(`${stack.dashboardUrl}/rollouts/new`, { waitUntil: 'networkidle' });
    expect(await viewer.locator('main').getByRole('alert').innerText()).toContain(
      'Only operators and admins',
    );
    // An unknown rollout is an alert, not a crash.
    await viewer.goto(`${stack.dashboardUrl}/rollouts/00000000-0000-4000-8000-00000000dead`);
    expect(await viewer.locator('main').getByRole('alert').innerText()).toContain('No such rollout');
    await viewer.close();
  });

  it('shows each health verdict with its numbers and its reason', async () => {
    // A short bake, started through the API: the worker evaluates it within seconds.
    const created = await stack.operatorApi.POST('/v1/rollouts', {
      body: {
        name: 'Short bake',
        spec: {
          policyVersionId: newVersionId,
          target: { tags: [TAG] },
          steps: [{ percent: 100, bakeSeconds: 2 }],
          gates: { minSamplesPerCohort: 10 },
          inconclusiveDeadlineSeconds: 60,
        },
      },
    });
    const id = created.data!.id;
    await stack.operatorApi.POST('/v1/rollouts/{id}/start', {
      params: { path: { id } },
      body: { reason: 'e2e: a verdict to show' },
    });
    const deadline = Date.now() + 60_000;
    let verdict: { result: string; reason: string; numbers: Record<string, unknown> } | undefined;
    while (!verdict) {
      const detail = await stack.operatorApi.GET('/v1/rollouts/{id}', { params: { path: { id } } });
      verdict = detail.data?.verdicts[0];
      if (Date.now() > deadline) throw new Error(`no verdict: ${detail.data?.statusReason}`);
      if (!verdict) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.goto(`${stack.dashboardUrl}/rollouts/${id}`, { waitUntil: 'networkidle' });
    await page.waitForSelector('#rollout-heading');
    // Newest first: the oldest verdict is the last one on the page.
    const shown = page.locator('article[aria-label="Step 1 verdict"]').last();
    const text = await shown.innerText();
    expect(text).toContain(verdict.result);
    expect(text).toContain(verdict.reason);
    expect(text).toContain('vs own baseline'); // one step: no control cohort left
    const cohort = verdict.numbers.cohort as {
      samples: number;
      reporting: number;
      robots: number;
      writeRate: number;
    };
    const reference = verdict.numbers.reference as { samples: number };
    const rows = await shown.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toMatch(/^Write rate \(writes per step\)/);
    expect(rows[3]).toBe(
      `Samples (steps counted)\t${cohort.samples.toLocaleString('en-US')}\t${reference.samples.toLocaleString('en-US')}`,
    );
    expect(rows[5]).toContain(`${cohort.reporting} of ${cohort.robots}`);
    if (cohort.writeRate !== null) expect(rows[0]).toContain(`${(cohort.writeRate * 100).toFixed(2)} %`);
    await page.screenshot({ path: path.join(shots, 'rollout-verdict.png'), fullPage: true });
  });
});
