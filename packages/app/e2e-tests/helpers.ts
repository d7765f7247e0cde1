import { expect, Page } from '@playwright/test';

/** Signs in through the portal's guest sign-in page. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(page.getByRole('navigation', { name: 'sidebar nav' })).toBeVisible();
}

/** Saves a full-page screenshot under screenshots/ at the repo root (ignored by git). */
export async function saveScreenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}
