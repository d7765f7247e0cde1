import { expect, Locator, Page, test } from '@playwright/test';
import { saveScreenshot, signInAsDemoUser, signInAsGuest } from './helpers';

/** The number in "Violations (N)" once the table has loaded. */
async function violationCount(page: Page): Promise<number> {
  const title = page.getByText(/^Violations \(\d+\)$/);
  await expect(title).toBeVisible();
  return Number((await title.textContent())!.match(/\d+/)![0]);
}

/** Follows the nav item to the dashboard, the first tab of the page. */
async function openDashboard(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Resource Profiles' })
    .click();
  await expect(page).toHaveURL(/\/resource-profiles\/violations/);
}

/** Toggles one option of a filter select (e.g. Environment → prod). */
async function choose(page: Page, filter: string, option: string) {
  await page.locator(`#filter-${filter.toLowerCase()}`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.keyboard.press('Escape');
}

async function ownersIn(table: Locator): Promise<string[]> {
  await expect(table.getByTestId('violation-owner').first()).toBeVisible();
  return table.getByTestId('violation-owner').allTextContents();
}

test('a payments engineer sees only the payments violations on the dashboard', async ({ page }) => {
  await signInAsGuest(page, { screenshot: 'violations-dashboard-0-guest-sign-in' });
  await expect(page.getByRole('heading', { name: /Catalog/ }).first()).toBeVisible();
  await saveScreenshot(page, 'violations-dashboard-0-guest-catalog');

  // The rows ask the permission backend whether risk may be accepted on them.
  const permissionAnswered = page.waitForResponse(
    response =>
      response.url().includes('/api/permission/authorize') &&
      (response.request().postData() ?? '').includes('resource-profiles.violation.accept-risk') &&
      response.ok(),
  );
  await openDashboard(page);
  const total = await violationCount(page);
  expect(total).toBeGreaterThan(0);

  const byOwner = page.getByTestId('by-owner');
  await expect(byOwner).toBeVisible();
  await expect(byOwner.getByRole('listitem')).toHaveCount(1);
  await expect(byOwner).toContainText('payments');
  const table = page.getByRole('table', { name: 'Violations' });
  expect(new Set(await ownersIn(table))).toEqual(new Set(['payments']));
  // Only the platform and security teams may accept a risk: a payments engineer is not offered it.
  await permissionAnswered;
  await expect(table.getByRole('button', { name: 'Accept risk' })).toHaveCount(0);
  await saveScreenshot(page, 'violations-dashboard-1-guest');

  // Filters go into the URL, so the view can be shared.
  await choose(page, 'Environment', 'prod');
  await expect(page).toHaveURL(/environment=prod/);
  const prod = await violationCount(page);
  expect(prod).toBeLessThanOrEqual(total);
  expect(new Set(await ownersIn(table))).toEqual(new Set(['payments']));
  const shared = page.url();
  await page.goto(shared);
  await expect(page.locator('#filter-environment')).toHaveText('prod');
  expect(await violationCount(page)).toBe(prod);
  await saveScreenshot(page, 'violations-dashboard-2-guest-prod');

  // Drill down to the entity a violation concerns.
  const firstRow = table.getByTestId('violation-row').first();
  await firstRow.getByRole('button', { name: 'Show evidence' }).click();
  await expect(page.getByText('Remediation').first()).toBeVisible();
  const entityLink = table.getByTestId('violation-entity').getByRole('link').first();
  const href = await entityLink.getAttribute('href');
  await entityLink.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(
    page.getByRole('navigation', { name: 'Content navigation' }).getByRole('link', { name: 'Overview' }),
  ).toBeVisible();
  await saveScreenshot(page, 'violations-dashboard-3-guest-drill-down');

  // Only the platform team may start a sync.
  await page.goto('/resource-profiles/sync');
  await expect(page.getByTestId('sync-source').first()).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('alert')).toContainText('Only the platform team can start a sync.');
  await saveScreenshot(page, 'violations-dashboard-4-guest-sync');
});

test('the platform team filters to prod and critical, accepts a risk and sees the counts change', async ({ page }) => {
  await signInAsDemoUser(page, 'dana.whitfield', {
    screenshot: 'violations-dashboard-5-platform-sign-in',
  });
  await expect(page.getByRole('heading', { name: /Catalog/ }).first()).toBeVisible();
  await saveScreenshot(page, 'violations-dashboard-5-platform-catalog');

  await openDashboard(page);
  const all = await violationCount(page);
  const byOwner = page.getByTestId('by-owner');
  await expect(byOwner).toBeVisible();
  // The platform team sees more than one team's violations.
  expect(await byOwner.getByRole('listitem').count()).toBeGreaterThan(1);
  await saveScreenshot(page, 'violations-dashboard-6-platform');

  await choose(page, 'Environment', 'prod');
  await choose(page, 'Severity', 'critical');
  await expect(page).toHaveURL(/environment=prod/);
  await expect(page).toHaveURL(/severity=critical/);
  const before = await violationCount(page);
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(all);
  await expect(page.getByTestId('by-severity-critical')).toHaveText(String(before));
  await saveScreenshot(page, 'violations-dashboard-7-platform-prod-critical');

  const table = page.getByRole('table', { name: 'Violations' });
  const row = table.getByTestId('violation-row').first();
  const title = (await row.locator('td').nth(2).locator('p').first().textContent())!;
  await row.getByRole('button', { name: 'Accept risk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Accept risk' });
  await expect(dialog.getByLabel('Expires on')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await dialog.getByLabel(/Justification/).fill('Known and tracked in RISK-142; fix planned this quarter.');
  await saveScreenshot(page, 'violations-dashboard-8-platform-accept-dialog');
  await dialog.getByRole('button', { name: 'Accept risk' }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText(/accepted until/).first()).toBeVisible();
  await expect.poll(() => violationCount(page)).toBe(before - 1);
  await expect(page.getByTestId('by-severity-critical')).toHaveText(String(before - 1));
  await saveScreenshot(page, 'violations-dashboard-9-platform-accepted');

  // Put the finding back, so the demo data stays as it was.
  await choose(page, 'Status', 'open');
  await choose(page, 'Status', 'accepted');
  await expect(page).toHaveURL(/status=accepted/);
  const accepted = table.getByTestId('violation-row').filter({ hasText: title });
  await accepted.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText(/revoked/)).toBeVisible();
});
