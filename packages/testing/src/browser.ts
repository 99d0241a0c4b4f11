import type { Locator, Page } from 'playwright-core';

/**
 * Presses a confirmation dialog's `button` and waits until the dialog closes. When the dialog shows
 * an error instead (its `role="alert"`), fails at once with that error's text, so a refused or failed
 * action reads as what it was rather than as a 30-second timeout. The wait is generous: the action
 * behind the dialog runs a server action, an API call and a transaction, slow on a loaded machine.
 */
export async function confirmInDialog(dialog: Locator, button: string, timeoutMs = 60_000): Promise<void> {
  await dialog.getByRole('button', { name: button, exact: true }).click();
  const alert = dialog.getByRole('alert');
  const outcome = await Promise.race([
    dialog.waitFor({ state: 'hidden', timeout: timeoutMs }).then(() => 'closed' as const),
    alert.waitFor({ state: 'visible', timeout: timeoutMs }).then(() => 'alert' as const),
  ]);
  if (outcome === 'alert') {
    // The dialog may still close right after an alert of a previous attempt fades; look once more.
    if (!(await dialog.isVisible())) return;
    throw new Error(`the "${button}" confirmation showed an error: ${(await alert.textContent())?.trim()}`);
  }
}

/**
 * Signs `page` in to the dashboard at `dashboardUrl` with an operator API key, through the sign-in
 * form as a person would, and waits for the overview. The one sign-in of every e2e file whose subject
 * is not sign-in itself.
 */
export async function signIn(page: Page, dashboardUrl: string, key: string): Promise<void> {
  await page.goto(`${dashboardUrl}/sign-in`, { waitUntil: 'networkidle' });
  await page.getByLabel('Operator API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForSelector('#overview-heading');
}
