import { Content, Header, Page, TabbedLayout } from '@backstage/core-components';
import { MyAccessRequests } from '../AccessRequests';
import { ApprovalsInbox } from '../Approvals';
import { AuditLogViewer } from '../AuditLog';
import { BreakGlassReviews } from '../BreakGlassReviews';
import { SyncStatusContent } from '../SyncStatus';
import { ViolationsDashboard } from '../ViolationsDashboard';

/**
 * The Resource Profiles page for apps on the legacy frontend system; the new
 * system builds the same tabs from sub-page extensions.
 */
export function ResourceProfilesPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Resource Profiles"
        subtitle="Violations across the organisation and the state of the IAM and IaC sources"
      />
      <Content>
        <TabbedLayout>
          <TabbedLayout.Route path="/violations" title="Violations">
            <ViolationsDashboard />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/approvals" title="Approvals">
            <ApprovalsInbox />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/my-requests" title="My requests">
            <MyAccessRequests />
          </TabbedLayout.Route>
          <TabbedLayout.Route
            path="/break-glass-reviews"
            title="Break-glass reviews"
          >
            <BreakGlassReviews />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/audit" title="Audit log">
            <AuditLogViewer />
          </TabbedLayout.Route>
          <TabbedLayout.Route path="/sync" title="Sync status">
            <SyncStatusContent />
          </TabbedLayout.Route>
        </TabbedLayout>
      </Content>
    </Page>
  );
}
