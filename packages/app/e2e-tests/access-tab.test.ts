import { expect, test } from '@playwright/test';
import { saveScreenshot, signInAsGuest } from './helpers';

test('a guest opens a resource and sees its profile on the Access tab', async ({ page }) => {
  await signInAsGuest(page);

  await page.goto('/catalog/default/resource/payments-ledger-db');
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Access' })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/resource\/payments-ledger-db\/access$/);

  const card = page.locator('article, .MuiCard-root').filter({ hasText: 'Resource profile' }).first();
  await expect(card.getByText('Owner')).toBeVisible();
  await expect(card.getByRole('link', { name: /payments/i }).first()).toBeVisible();
  await expect(card.getByTestId('data-classification')).toHaveText('restricted');
  await expect(card.getByText('prod', { exact: true })).toBeVisible();

  // The demo organization's SCPs over the prod account, root first, from its Organizations export.
  const guardrails = page.locator('article, .MuiCard-root').filter({ hasText: 'Organization guardrails' }).first();
  await expect(guardrails.getByText(/Service control policies over account northwind-prod \(314159265358\)/)).toBeVisible();
  await expect(guardrails.getByTestId('guardrail-level').locator('h6')).toHaveText([
    'Root (r-nw01)',
    'OU Workloads (ou-nw01-workloads)',
    'Account northwind-prod (314159265358)',
  ]);
  const ou = guardrails.getByTestId('guardrail-level').nth(1);
  await expect(ou.getByText('no-long-lived-credentials')).toBeVisible();
  await expect(ou.getByTestId('guardrail-statement').filter({ hasText: /^Deny iam:CreateAccessKey/ })).toBeVisible();
  // The resource control policy over the same OU, listed apart: it limits the account's resources, not its principals.
  await expect(guardrails.getByText(/Resource control policies over the resources of account northwind-prod/)).toBeVisible();
  const rcp = guardrails.getByTestId('resource-control-level');
  await expect(rcp.locator('h6')).toHaveText(['OU Workloads (ou-nw01-workloads)']);
  await expect(rcp.getByTestId('guardrail-statement')).toHaveText([
    'Deny kms:ScheduleKeyDeletion, kms:DisableKey on * when ArnNotLike aws:PrincipalArn = arn:aws:iam::*:role/security-key-custodian',
  ]);

  await saveScreenshot(page, 'access-tab');
});

test("a resource's Access tab lists the open violations computed from the demo's IAM and IaC files", async ({ page }) => {
  await signInAsGuest(page);
  // The ledger's KMS key has no owner tag in the payments Terraform state: the rule flags it.
  await page.goto('/catalog/default/resource/payments-ledger-kms/access');
  await expect(page.getByText('Open violations (1)')).toBeVisible();
  await expect(page.getByText(/kms-key ledger has no owner tag/)).toBeVisible();
  // Its key policy lets the ledger service use it: that access shows beside what IAM policies give.
  await page.getByLabel('Search principals').fill('payments-service');
  const service = page.getByRole('table', { name: 'Role mappings' }).getByRole('row').filter({ hasText: 'payments-service' });
  await expect(service.filter({ hasText: 'via key policy' })).toHaveCount(1);
  await saveScreenshot(page, 'access-tab-violations');
});

test("a bucket's Access tab shows the other account its bucket policy lets in, and the violation", async ({ page }) => {
  await signInAsGuest(page);
  // The payments state's bucket policy lets the external auditor's account read the audit logs, over TLS only.
  await page.goto('/catalog/default/resource/payments-audit-log-bucket/access');
  const auditor = page.getByRole('table', { name: 'Role mappings' }).getByRole('row').filter({ hasText: '999988887777' });
  await expect(auditor).toHaveCount(2);
  await expect(auditor.filter({ hasText: 'Read' })).toContainText('via bucket policy');
  await expect(auditor.filter({ hasText: 'List' })).toContainText('whole account');
  await expect(auditor.first().getByTestId('conditional')).toBeVisible();
  await expect(page.getByText(/Bucket policy of northwind-prod-payments-audit-logs lets principals of another account/)).toBeVisible();
  await saveScreenshot(page, 'access-tab-bucket-policy');
});

test("a bucket policy's Deny takes back what identity policies give every principal but the one it exempts", async ({ page }) => {
  await signInAsGuest(page);
  // The curated zone's bucket policy denies writes to every principal but the ETL role: the data
  // engineers' own policies allow them, yet they keep only List and Read.
  await page.goto('/catalog/default/resource/data-lake-curated-bucket/access');
  await page.getByLabel('Search principals').fill('data-platform-e');
  const rows = page.getByRole('table', { name: 'Role mappings' }).getByRole('row');
  const etl = rows.filter({ hasText: 'data-platform-etl' });
  const engineer = rows.filter({ hasText: 'data-platform-engineer' });
  await expect(etl).toHaveCount(3);
  await expect(etl.filter({ hasText: 'Write' })).toHaveCount(1);
  await expect(engineer).toHaveCount(2);
  await expect(engineer.filter({ hasText: 'Write' })).toHaveCount(0);
  await saveScreenshot(page, 'access-tab-bucket-policy-deny');
});

test("a key's Access tab shows what its key policy, read from the account's resource policy export, lets in", async ({ page }) => {
  await signInAsGuest(page);
  // The data-lake key is in no IaC here: its policy comes from the prod account's resource policy export.
  await page.goto('/catalog/default/resource/data-lake-kms-key/access');
  const rows = page.getByRole('table', { name: 'Role mappings' }).getByRole('row');
  await expect(rows.filter({ hasText: 'data-platform-etl' }).filter({ hasText: 'via key policy' })).toHaveCount(1);
  const vendor = rows.filter({ hasText: 'lumen-ingest' });
  await expect(vendor).toHaveCount(1);
  await expect(vendor).toContainText('role of account 444455556666');
  await expect(vendor).toContainText('via key policy');
  await expect(vendor.getByTestId('conditional')).toBeVisible();
  await saveScreenshot(page, 'access-tab-key-policy');
});
