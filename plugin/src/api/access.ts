import { config } from '@grafana/runtime';
import { PLUGIN_ID } from '../constants';

/** The plugin's RBAC action for policy writes (plugin.json `roles`, granted to Admin by default). */
export const POLICY_WRITE_ACTION = `${PLUGIN_ID}.policy:write`;

type OrgRole = 'Viewer' | 'Editor' | 'Admin';
const rank: Record<string, number> = { None: -1, Viewer: 0, Editor: 1, Admin: 2 };

interface BootUser {
  orgRole?: string;
  isGrafanaAdmin?: boolean;
  permissions?: Record<string, boolean>;
}

const bootUser = (): BootUser => (config.bootData?.user as BootUser | undefined) ?? {};

/** Has the signed-in user at least `role` in this org? (What Grafana's `reqRole` checks.) */
export const hasOrgRole = (role: OrgRole): boolean => (rank[bootUser().orgRole ?? 'None'] ?? -1) >= rank[role]!;

/**
 * May the user save or roll back the policy? The proxy route decides for real (reqAction); this
 * only keeps buttons from offering what Grafana will refuse.
 */
export const canWritePolicy = (): boolean => {
  const p = bootUser().permissions;
  return p ? Boolean(p[POLICY_WRITE_ACTION]) : hasOrgRole('Admin');
};
