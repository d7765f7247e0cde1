import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './helpers';

test('an engineer finds a resource in the catalog and sees its owner and who can access it', async ({ page }) => {
  await signInAsGuest(page, { screenshot: 'browse-ownership-0-sign-in' });

  // The catalog is the landing page; narrow it to cloud resources.
  await expect(page.getByRole('heading', { name: /Catalog/ }).first()).toBeVisible();
  await page.getByLabel('Kind', { exact: true }).click();
  await page.getByRole('option', { name: 'Resource' }).click();
  await expect(page).toHaveURL(/filters%5Bkind%5D=resource/);
  await page.getByPlaceholder('Search').fill('payments-ledger-db');
  const link = page.getByRole('link', { name: 'Payments ledger database (prod)' });
  await expect(link).toBeVisible();
  await saveScreenshot(page, 'browse-ownership-1-catalog');

  await link.click();
  await expect(page).toHaveURL(/\/catalog\/default\/resource\/payments-ledger-db$/);
  const profileCard = page.locator('.MuiCard-root').filter({ hasText: 'Resource profile' }).first();
  await expect(profileCard.getByRole('link', { name: /payments/i }).first()).toBeVisible();
  await expect(profileCard.getByTestId('open-violations-count')).toBeVisible();
  await saveScreenshot(page, 'browse-ownership-2-overview');

  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Access' })
    .click();
  await expect(page).toHaveURL(/\/payments-ledger-db\/access$/);
  const profile = page.locator('.MuiCard-root').filter({ hasText: 'Resource profile' }).first();
  await expect(profile.getByText('Owner')).toBeVisible();
  await expect(profile.getByRole('link', { name: /payments/i }).first()).toBeVisible();

  const mappings = page.getByRole('table', { name: 'Role mappings' });
  await expect(mappings).toBeVisible();
  // Header row plus at least one principal.
  expect(await mappings.getByRole('row').count()).toBeGreaterThan(1);
  await expect(mappings.getByText('payments-engineer').first()).toBeVisible();
  await expect(page.getByText(/^Open violations \(\d+\)$/)).toBeVisible();
  await saveScreenshot(page, 'browse-ownership-3-access-tab');

  // Searching narrows the table on the server.
  await page.getByLabel('Search principals').fill('payments-admin');
  await expect(mappings.getByRole('row').nth(1)).toContainText('payments-admin');
  await saveScreenshot(page, 'browse-ownership-4-access-search');
});
