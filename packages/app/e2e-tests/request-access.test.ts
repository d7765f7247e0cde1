import { expect, Locator, Page, test } from '@playwright/test';
import { saveScreenshot, signInAsDemoUser, signInAsGuest } from './helpers';

// Journey 2: a payments engineer asks for write access to the prod ledger
// database; the policy (approval "two") needs two distinct approvers from
// payments and security; both approve from their inbox, and the grant becomes
// active with an expiry. The request's details show the requester why it was
// asked for and what each approver said. Asking to extend it needs the two
// approvers again; on the dev ledger (approval "auto") an extension is
// granted at once.

const LEDGER = '/catalog/default/resource/payments-ledger-db';
const DEV_LEDGER = '/catalog/default/resource/payments-ledger-db-dev';

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

/** Opens an entity's Access tab; returns the card of the user's requests. */
async function openAccessTab(page: Page, entityPath = LEDGER) {
  await page.goto(entityPath);
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Access' })
    .click();
  await expect(page).toHaveURL(new RegExp(`${entityPath}/access$`));
  return page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'My requests and active grants' })
    .first();
}

/** Opens "Request access" on the card, fills it and checks the policy's answer. */
async function fillRequestDialog(
  page: Page,
  card: Locator,
  fields: {
    role: string;
    hours: string;
    justification: string;
    ticket?: string;
    requirement: string;
  },
) {
  await card.getByRole('button', { name: 'Request access' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request access' });
  await dialog.getByLabel(/Role/).selectOption(fields.role);
  await dialog.getByLabel(/Duration/).fill(fields.hours);
  await dialog.getByLabel(/Justification/).fill(fields.justification);
  if (fields.ticket) await dialog.getByLabel(/Ticket/).fill(fields.ticket);
  await expect(dialog.getByTestId('requirement-sentence')).toHaveText(
    fields.requirement,
  );
  return dialog;
}

/** Checks the state and the approvals a row of the requests table shows. */
async function expectRow(row: Locator, state: string, approvals: string) {
  await expect(row.getByTestId('access-request-state')).toHaveText(state);
  await expect(row.getByTestId('approval-progress')).toHaveText(approvals);
}

/** Submits an open request dialog and returns the created request. */
async function submitRequest(page: Page, dialog: Locator, button: string) {
  const [response] = await Promise.all([
    page.waitForResponse(
      r =>
        r.request().method() === 'POST' &&
        /\/api\/resource-profiles\/access-requests$/.test(r.url()),
    ),
    dialog.getByRole('button', { name: button }).click(),
  ]);
  expect(response.status()).toBe(201);
  await expect(dialog).toBeHidden();
  return (await response.json()) as { id: string; extends?: string };
}

/**
 * Extends the active grant in `row` by `hours` from the requests table and
 * checks what the dialog says; returns the extension's row once it shows,
 * saying which grant it extends.
 */
async function extendGrant(
  page: Page,
  row: Locator,
  options: { grantId: string; role: string; hours: string; screenshot: string },
) {
  // The grant's end, as its countdown's tooltip says: `Until 2026-… UTC`.
  const title = await row.getByTestId('time-left').getAttribute('title');
  const grantEnds = title!.replace(/^Until /, '');
  await row
    .getByRole('button', { name: `Extend access to ${options.role} on ` })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Extend access' });
  await expect(dialog.getByLabel(/Role/)).toHaveValue(options.role);
  await expect(dialog.getByLabel(/Role/)).not.toBeEditable();
  await expect(dialog.getByTestId('extended-grant-end')).toHaveText(grantEnds);
  await dialog.getByLabel(/Duration/).fill(options.hours);
  await dialog
    .getByLabel(/Justification/)
    .fill(`E2E: the reconciliation needs ${options.hours} h more`);
  await expect(dialog.getByTestId('requirement-summary')).toBeVisible();
  await saveScreenshot(page, options.screenshot);
  const extension = await submitRequest(page, dialog, 'Request extension');
  expect(extension.extends).toBe(options.grantId);

  const extensionRow = page.locator(`[data-request-id="${extension.id}"]`);
  await expect(extensionRow.getByTestId('extends-note')).toHaveText(
    `Extends the grant ending ${grantEnds}`,
  );
  // One open extension per grant: the grant's row says where it stands instead of offering Extend again.
  await expect(row.getByTestId('extension-status')).toBeVisible();
  await expect(row.getByRole('button', { name: /^Extend access to / })).toHaveCount(0);
  return extensionRow;
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

test('write access to a prod resource is approved by two people, becomes active, gets an extension request and is ended early', async ({
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
  const card = await openAccessTab(page);
  await expect(card).toBeVisible();
  await saveScreenshot(page, 'request-access-1-access-tab');

  const justification = `E2E: reconcile the stuck ledger batch (${new Date().toISOString()})`;
  const dialog = await fillRequestDialog(page, card, {
    role: 'write',
    hours: '2',
    justification,
    ticket: 'INC-4711',
    requirement:
      'Needs 2 distinct approvers from group:default/payments, group:default/security',
  });
  await saveScreenshot(page, 'request-access-2-dialog');

  const requestId = (await submitRequest(page, dialog, 'Submit request')).id;

  const row = page.locator(`[data-request-id="${requestId}"]`);
  await expectRow(row, 'pending', '0 of 2 approvals');
  await saveScreenshot(page, 'request-access-3-pending');
  await signOut(page);

  // A payments approver, then a security approver.
  await approveAs(page, 'priya.raman', requestId, 4);
  await approveAs(page, 'sofia.alvarez', requestId, 6);

  // The requester sees the grant active, counting down.
  await signInAsGuest(page);
  await openAccessTab(page);
  await expectRow(row, 'active', '2 of 2 approvals');
  await expect(row.getByTestId('time-left')).toHaveText(
    /^1 h 59 min left$|^2 h 0 min left$/,
  );
  await saveScreenshot(page, 'request-access-8-active');

  // The request's details: why it was asked for, and each approver's decision
  // with their comment, in the order they decided.
  const detailsButton = row.getByRole('button', {
    name: 'Details of the request for write on resource:default/payments-ledger-db',
  });
  await expect(detailsButton).toHaveAttribute('aria-expanded', 'false');
  await detailsButton.click();
  await expect(detailsButton).toHaveAttribute('aria-expanded', 'true');
  const details = page.locator(`[id="access-request-${requestId}-details"]`);
  await expect(details.getByTestId('access-request-justification')).toHaveText(
    justification,
  );
  const timeline = details.getByTestId('timeline-entry');
  await expect(timeline.nth(0)).toContainText('Requested by user:default/guest');
  await expect(timeline.nth(1)).toContainText(
    'Approved by user:default/priya.raman',
  );
  await expect(timeline.nth(1)).toContainText(
    '“Approved by priya.raman in the browser test”',
  );
  await expect(timeline.nth(2)).toContainText(
    'Approved by user:default/sofia.alvarez',
  );
  await expect(timeline.nth(2)).toContainText(
    '“Approved by sofia.alvarez in the browser test”',
  );
  await expect(timeline.nth(3)).toContainText('Granted until');
  await saveScreenshot(page, 'request-access-8b-details');
  await detailsButton.click();
  await expect(details).toHaveCount(0);

  // More time looks necessary: an extension of the grant goes through the
  // same policy, so it waits for two approvers again.
  const extensionRow = await extendGrant(page, row, {
    grantId: requestId,
    role: 'write',
    hours: '1',
    screenshot: 'request-access-9-extend',
  });
  await expectRow(extensionRow, 'pending', '0 of 2 approvals');
  await saveScreenshot(page, 'request-access-10-extension-pending');

  // The work is done early after all: the requester withdraws the extension
  // and ends the access, with a reason for the audit trail.
  await extensionRow
    .getByRole('button', { name: /^Cancel request for write/ })
    .click();
  await expect(extensionRow.getByTestId('access-request-state')).toHaveText(
    'cancelled',
  );
  await row.getByRole('button', { name: /^End access to write/ }).click();
  const endDialog = page.getByRole('dialog', { name: 'End access now' });
  await endDialog.getByLabel(/Reason/).fill('Batch reconciled; access no longer needed.');
  await saveScreenshot(page, 'request-access-11-end-access');
  await endDialog.getByRole('button', { name: 'End access' }).click();
  await expect(endDialog).toBeHidden();
  await expect(row.getByTestId('access-request-state')).toHaveText('revoked');

  // No React warnings (keys, DOM nesting, state updates) from the request
  // workflow's components; their names are in the warning's component stack.
  const ours =
    /\bat (RequestAccess|EntityAccessRequests|AccessRequest|MyAccessRequests|PagedListCard|FormDialog|TextAreaField|RoleField|RequirementSummary|Field|TimeLeft|EndAccessDialog|ExtendAccessDialog|ExtensionIntro|ExtendsNote|ApprovalsInbox|PendingRequestCard|DecisionDialog)/;
  const warnings = consoleErrors.filter(
    text => /^Warning:/.test(text) && ours.test(text),
  );
  expect(warnings.map(text => text.split('\n')[0])).toEqual([]);
});

test('a grant on a resource with automatic approval is extended at once', async ({
  page,
}) => {
  await signInAsGuest(page);
  const card = await openAccessTab(page, DEV_LEDGER);
  const dialog = await fillRequestDialog(page, card, {
    role: 'read',
    hours: '1',
    justification: 'E2E: read the dev ledger to reproduce a bug',
    requirement: 'Granted automatically: no approval is needed.',
  });
  const grantId = (await submitRequest(page, dialog, 'Submit request')).id;
  const row = page.locator(`[data-request-id="${grantId}"]`);
  await expectRow(row, 'active', 'Automatic');

  const extensionRow = await extendGrant(page, row, {
    grantId,
    role: 'read',
    hours: '2',
    screenshot: 'extend-access-1-auto-dialog',
  });
  // Granted at once; its window follows the original's, so 3 h in all are left.
  await expectRow(extensionRow, 'active', 'Automatic');
  await expect(extensionRow.getByTestId('time-left')).toHaveText(
    /^2 h 59 min left$|^3 h 0 min left$/,
  );
  await saveScreenshot(page, 'extend-access-2-auto-active');
});
