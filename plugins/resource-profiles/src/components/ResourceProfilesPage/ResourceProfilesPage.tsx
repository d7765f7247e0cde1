import { Content, Header, Page, TabbedLayout } from '@backstage/core-components';
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
          <TabbedLayout.Route path="/sync" title="Sync status">
            <SyncStatusContent />
          </TabbedLayout.Route>
        </TabbedLayout>
      </Content>
    </Page>
  );
}
