/**
 * GET /api/datasources as Grafana's pkg/api/datasources.go GetDataSources answers it: the org's data
 * sources sorted by name, each with id, uid, orgId, name, type, typeName, access, url, isDefault,
 * basicAuth, readOnly and jsonData (never secureJsonData). It needs `datasources:read`, which the basic
 * roles give only to Admin here (stricter than or equal to Grafana, never looser): others get 403.
 */
import type http from 'node:http';
import { hasRole, type FakeUser } from './access';

export interface FakeDatasource {
  uid: string;
  name: string;
  /** Base URL the data source proxy forwards to. */
  url: string;
}

export function handleDatasourcesList(datasources: FakeDatasource[], user: FakeUser, res: http.ServerResponse): void {
  if (!hasRole(user, 'Admin')) {
    res
      .writeHead(403, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ title: 'Access denied', message: "You'll need additional permissions to perform this action. Permissions needed: datasources:read" }));
    return;
  }
  const list = [...datasources]
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
    .map((d, i) => ({
      id: i + 1,
      uid: d.uid,
      orgId: 1,
      name: d.name,
      type: 'prometheus',
      typeName: 'Prometheus',
      typeLogoUrl: 'public/app/plugins/datasource/prometheus/img/prometheus_logo.svg',
      access: 'proxy',
      url: d.url,
      user: '',
      database: '',
      basicAuth: false,
      isDefault: d === datasources[0],
      jsonData: {},
      readOnly: false,
    }));
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(list));
}
