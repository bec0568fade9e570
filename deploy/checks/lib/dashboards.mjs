// Reads the Grafana dashboards in deploy/grafana/dashboards and lists their queries.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inRepo } from './paths.mjs';

export const DASHBOARDS = inRepo('deploy', 'grafana', 'dashboards');

export function readDashboards(directory = DASHBOARDS) {
  return readdirSync(directory).filter((file) => file.endsWith('.json')).sort()
    .map((file) => ({ file, dashboard: JSON.parse(readFileSync(join(directory, file), 'utf8')) }));
}

/** Every query of every panel (rows' nested panels included): { dashboard, panel, datasource, expr | rawSql }. */
export function queries({ file, dashboard }) {
  const found = [];
  const visit = (panel) => {
    for (const target of panel.targets ?? []) {
      const datasource = target.datasource ?? panel.datasource;
      found.push({ dashboard: file, panel: panel.title, datasource, expr: target.expr, rawSql: target.rawSql });
    }
    (panel.panels ?? []).forEach(visit);
  };
  (dashboard.panels ?? []).forEach(visit);
  for (const variable of dashboard.templating?.list ?? []) {
    if (variable.type === 'query') {
      found.push({ dashboard: file, panel: `variable ${variable.name}`, datasource: variable.datasource, expr: variable.query?.query ?? variable.query });
    }
  }
  return found;
}

/** The metric names that the Prometheus queries of all dashboards read. */
export function promQueries(dashboards) {
  return dashboards.flatMap(queries).filter((query) => query.datasource?.type === 'prometheus');
}
