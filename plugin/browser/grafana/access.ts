/**
 * Who may use a plugin route, as Grafana decides it (pluginproxy hasAccessToRoute): a route with
 * `reqAction` is judged by RBAC only (its `reqRole` is then ignored); otherwise `reqRole` is checked
 * against the user's org role, where Admin includes Editor includes Viewer; a route with neither is
 * open to any signed-in user. A plugin-declared action is held by users whose basic role is granted
 * a plugin.json role containing it (`roles[].grants`, with the same inheritance), or given directly.
 */
export type OrgRole = 'Viewer' | 'Editor' | 'Admin';

export interface FakeUser {
  login: string;
  role: OrgRole;
  /** RBAC actions given to this user directly (as a custom role or team would). */
  permissions?: string[];
}

export interface PluginRole {
  role: { name: string; permissions: Array<{ action: string; scope?: string }> };
  grants: string[];
}

const rank: Record<OrgRole, number> = { Viewer: 0, Editor: 1, Admin: 2 };

export const hasRole = (user: FakeUser, required: OrgRole): boolean => rank[user.role] >= rank[required];

export function permissionsOf(user: FakeUser, roles: PluginRole[]): Set<string> {
  const out = new Set(user.permissions ?? []);
  for (const r of roles) {
    const granted = r.grants.some((g) => g in rank && hasRole(user, g as OrgRole));
    if (granted) {
      r.role.permissions.forEach((p) => out.add(p.action));
    }
  }
  return out;
}

export function canUseRoute(user: FakeUser, route: { reqRole?: string; reqAction?: string }, roles: PluginRole[]): boolean {
  if (route.reqAction) {
    return permissionsOf(user, roles).has(route.reqAction);
  }
  if (route.reqRole) {
    if (!(route.reqRole in rank)) {
      throw new Error(`fake Grafana does not know the reqRole "${route.reqRole}"`);
    }
    return hasRole(user, route.reqRole as OrgRole);
  }
  return true;
}
