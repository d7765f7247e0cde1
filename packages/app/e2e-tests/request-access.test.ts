import { expect, Page, test } from '@playwright/test';
import { saveScreenshot, signInAsDemoUser, signInAsGuest } from './helpers';

// Journey 2: a payments engineer asks for write access to the prod ledger
// database; the policy (approval "two") needs two distinct approvers from
// payments and security; both approve from their inbox, and the grant becomes
// active with an expiry.

const LEDGER = '/catalog/default/resource/payments-ledger-db';

// Fail a step in seconds rather than at the end of the test's budget.
test.use({ actionTimeout: 30_000 });

/**
 * Signs out through the settings page, back to the sign-in page. (If the
 * session is already gone, the settings page shows the sign-in page itself.)
 */
async function signOut(page: Page) {
  await page.goto('/settings');
  const menu = page.getByTestId('user-settings-menu');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(menu.or(enter)).toBeVisible();
  if (await menu.isVisible()) {
    await menu.click();
    await page.getByTestId('sign-out').click();
  }
  await expect(enter).toBeVisible();
}

async function openAccessTab(page: Page) {
  await page.goto(LEDGER);
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Access' })
    .click();
  await expect(page).toHaveURL(/payments-ledger-db\/access$/);
}

/** As an approver: Resource Profiles → Approvals → approve the request. */
async function approveAs(
  page: Page,
  user: string,
  requestId: string,
  step: number,
) {
  await signInAsDemoUser(page, user);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Resource Profiles' })
    .click();
  await page.getByRole('tab', { name: 'Approvals' }).click();
  await expect(page).toHaveURL(/\/resource-profiles\/approvals$/);

  const card = page.locator(`[data-request-id="${requestId}"]`);
  await expect(card).toBeVisible();
  await expect(card).toContainText('user:default/guest requests write');
  await expect(card).toContainText('E2E: reconcile the stuck ledger batch');
  await saveScreenshot(page, `request-access-${step}-${user}-inbox`);

  await card.getByRole('button', { name: /^Approve / }).click();
  const dialog = page.getByRole('dialog', { name: 'Approve request' });
  await dialog
    .getByLabel(/Comment/)
    .fill(`Approved by ${user} in the browser test`);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(/^Approved user:default\/guest's request for write/),
  ).toBeVisible();
  // Decided: the card leaves the inbox, or shows the decision while others decide.
  await expect(card.getByRole('button', { name: /^Approve / })).toHaveCount(0);
  await saveScreenshot(page, `request-access-${step + 1}-${user}-approved`);
  await signOut(page);
}

test('write access to a prod resource is approved by two people, becomes active and is ended early', async ({
  page,
}) => {
  // Four sign-ins as three people: longer than the default budget.
  test.setTimeout(300_000);
  const consoleErrors: string[] = [];
  page.on('console', message => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  // The requester asks from the resource's Access tab.
  await signInAsGuest(page);
  await openAccessTab(page);
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'My requests and active grants' })
    .first();
  await expect(card).toBeVisible();
  await saveScreenshot(page, 'request-access-1-access-tab');

  await card.getByRole('button', { name: 'Request access' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request access' });
  await dialog.getByLabel(/Role/).selectOption('write');
  await dialog.getByLabel(/Duration/).fill('2');
  await dialog
    .getByLabel(/Justification/)
    .fill(
      `E2E: reconcile the stuck ledger batch (${new Date().toISOString()})`,
    );
  await dialog.getByLabel(/Ticket/).fill('INC-4711');
  await expect(dialog.getByTestId('requirement-sentence')).toHaveText(
    'Needs 2 distinct approvers from group:default/payments, group:default/security',
  );
  await saveScreenshot(page, 'request-access-2-dialog');

  const [response] = await Promise.all([
    page.waitForResponse(
      r =>
        r.request().method() === 'POST' &&
        /\/api\/resource-profiles\/access-requests$/.test(r.url()),
    ),
    dialog.getByRole('button', { name: 'Submit request' }).click(),
  ]);
  expect(response.status()).toBe(201);
  const requestId: string = (await response.json()).id;
  await expect(dialog).toBeHidden();

  const row = page.locator(`[data-request-id="${requestId}"]`);
  await expect(row.getByTestId('access-request-state')).toHaveText('pending');
  await expect(row.getByTestId('approval-progress')).toHaveText(
    '0 of 2 approvals',
  );
  await saveScreenshot(page, 'request-access-3-pending');
  await signOut(page);

  // A payments approver, then a security approver.
  await approveAs(page, 'priya.raman', requestId, 4);
  await approveAs(page, 'sofia.alvarez', requestId, 6);

  // The requester sees the grant active, counting down.
  await signInAsGuest(page);
  await openAccessTab(page);
  await expect(row.getByTestId('access-request-state')).toHaveText('active');
  await expect(row.getByTestId('approval-progress')).toHaveText(
    '2 of 2 approvals',
  );
  await expect(row.getByTestId('time-left')).toHaveText(
    /^1 h 59 min left$|^2 h 0 min left$/,
  );
  await saveScreenshot(page, 'request-access-8-active');

  // The work is done early: the requester ends the access, with a reason for the audit trail.
  await row.getByRole('button', { name: /^End access to write/ }).click();
  const endDialog = page.getByRole('dialog', { name: 'End access now' });
  await endDialog.getByLabel(/Reason/).fill('Batch reconciled; access no longer needed.');
  await saveScreenshot(page, 'request-access-9-end-access');
  await endDialog.getByRole('button', { name: 'End access' }).click();
  await expect(endDialog).toBeHidden();
  await expect(row.getByTestId('access-request-state')).toHaveText('revoked');

  // No React warnings (keys, DOM nesting, state updates) from the request
  // workflow's components; their names are in the warning's component stack.
  const ours =
    /\bat (RequestAccess|EntityAccessRequests|AccessRequest|MyAccessRequests|PagedListCard|FormDialog|TextAreaField|RequirementSummary|TimeLeft|EndAccessDialog|ApprovalsInbox|PendingRequestCard|DecisionDialog)/;
  const warnings = consoleErrors.filter(
    text => /^Warning:/.test(text) && ours.test(text),
  );
  expect(warnings.map(text => text.split('\n')[0])).toEqual([]);
});
