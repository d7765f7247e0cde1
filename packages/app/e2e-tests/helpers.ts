import { expect, Page } from '@playwright/test';

/** Waits until the app shell is there: the sidebar with its Catalog link. */
async function expectSignedIn(page: Page) {
  const sidebar = page.getByRole('navigation', { name: 'sidebar nav' });
  // The nav element itself has no height (its drawer is fixed-positioned),
  // so wait for a link inside it rather than for the nav to be "visible".
  await expect(sidebar.getByRole('link', { name: 'Catalog', exact: true })).toBeVisible();
}

/** Signs in through the portal's guest sign-in page. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expectSignedIn(page);
}

/**
 * Signs in as one of the demo users offered on the sign-in page
 * (`app.demoUsers`), e.g. `dana.whitfield` of the platform team.
 */
export async function signInAsDemoUser(page: Page, userName: string) {
  await page.goto('/');
  const button = page.getByRole('button', { name: `Sign in as ${userName}` });
  await expect(button).toBeVisible();
  await button.click();
  await expectSignedIn(page);
}

/** Saves a full-page screenshot under screenshots/ at the repo root (ignored by git). */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}
