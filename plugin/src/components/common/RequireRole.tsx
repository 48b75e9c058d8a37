import React from 'react';
import { Alert } from '@grafana/ui';
import { PluginPage } from '@grafana/runtime';
import { hasOrgRole } from '../../api/access';

/**
 * Renders `children` only for users with at least `role`, as plugin.json's include `role` promises:
 * Grafana hides the nav entry, this guards the route itself. The proxy routes guard the data.
 */
export function RequireRole({ role, page, children }: { role: 'Viewer' | 'Editor' | 'Admin'; page: string; children: React.ReactNode }) {
  if (hasOrgRole(role)) {
    return <>{children}</>;
  }
  return (
    <PluginPage>
      <Alert severity="warning" title={`${page} needs the ${role} role`}>
        Ask an organisation Admin for the {role} role to use this page.
      </Alert>
    </PluginPage>
  );
}
