import { expect, Locator, Page } from '@playwright/test';

/**
 * The app shell's sidebar link to the catalog. The nav element itself has no
 * height (its drawer is fixed-positioned), so tests wait for a link inside it
 * rather than for the nav to be "visible".
 */
function catalogNavLink(page: Page): Locator {
  return page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true });
}

export interface SignInOptions {
  /** Saves a screenshot of the sign-in page under this name. */
  screenshot?: string;
}

/**
 * Presses a sign-in button and waits for the app. A sign-in that fails (the
 * backend answered with an error) is tried again from a fresh page; a page
 * that signs in by itself (a session from an earlier attempt) is accepted.
 */
async function signIn(page: Page, button: Locator, options: SignInOptions) {
  const signedIn = catalogNavLink(page);
  await expect(async () => {
    await page.goto('/');
    await expect(button.or(signedIn)).toBeVisible({ timeout: 15_000 });
    if (await button.isVisible()) {
      if (options.screenshot) await saveScreenshot(page, options.screenshot);
      await button.click();
    }
    await expect(signedIn).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 90_000 });
}

/** Signs in through the portal's guest sign-in page. */
export async function signInAsGuest(page: Page, options: SignInOptions = {}) {
  await signIn(page, page.getByRole('button', { name: 'Enter' }), options);
}

/**
 * Signs in as one of the demo users offered on the sign-in page
 * (`app.demoUsers`), e.g. `dana.whitfield` of the platform team.
 */
export async function signInAsDemoUser(
  page: Page,
  userName: string,
  options: SignInOptions = {},
) {
  await signIn(page, page.getByRole('button', { name: `Sign in as ${userName}` }), options);
}

/** Saves a full-page screenshot under screenshots/ at the repo root (ignored by git). */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}
