// Grafana: every dashboard query reads series from the metrics catalogue (docs/metrics.md) with
// labels the catalogue gives them, every panel uses a provisioned data source, and the SQL panels
// read tables and columns that the gateway's migrations create.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml } from '../lib/yaml-files.mjs';
import { inRepo } from '../lib/paths.mjs';
import { analyse } from '../lib/promql.mjs';
import { identifiers } from '../lib/sql.mjs';
import { readCatalogue, TARGET_LABELS } from '../lib/catalogue.mjs';
import { readDashboards, queries, promQueries } from '../lib/dashboards.mjs';

const dashboards = readDashboards();
const catalogue = readCatalogue();

function catalogueProblems(expression, where) {
  const problems = [];
  const { series, groupingLabels } = analyse(expression);
  if (series.length === 0) problems.push(`${where}: reads no series`);
  const known = new Set(TARGET_LABELS);
  for (const { name, labels } of series) {
    const entry = catalogue.get(name);
    if (!entry) {
      problems.push(`${where}: ${name} is not in docs/metrics.md`);
      continue;
    }
    entry.labels.forEach((label) => known.add(label));
    for (const label of labels) {
      if (!entry.labels.includes(label) && !TARGET_LABELS.includes(label)) problems.push(`${where}: ${name} has no label ${label}`);
    }
  }
  for (const label of groupingLabels) {
    if (!known.has(label)) problems.push(`${where}: groups by ${label}, which none of its series has`);
  }
  return problems;
}

test('the four dashboards of the operations guide are there', () => {
  assert.deepEqual(dashboards.map(({ dashboard }) => dashboard.uid),
    ['evmsim-execution', 'evmsim-overview', 'evmsim-results', 'evmsim-upstream-cache']);
  for (const { file, dashboard } of dashboards) {
    assert.ok(queries({ file, dashboard }).length >= 4, `${file} has hardly any queries`);
  }
});

test('every panel uses a data source that Grafana is provisioned with', () => {
  const provisioned = readYaml(inRepo('deploy', 'grafana', 'provisioning', 'datasources', 'evmsim.yml')).datasources
    .map((source) => `${source.type}/${source.uid}`);
  for (const query of dashboards.flatMap(queries)) {
    assert.ok(provisioned.includes(`${query.datasource?.type}/${query.datasource?.uid}`),
      `${query.dashboard} "${query.panel}": data source ${JSON.stringify(query.datasource)} is not provisioned`);
    assert.ok(query.expr || query.rawSql, `${query.dashboard} "${query.panel}" has an empty query`);
  }
});

test('every metric a panel queries is in the catalogue, with the labels it filters and groups by', () => {
  const problems = promQueries(dashboards)
    .flatMap((query) => catalogueProblems(query.expr, `${query.dashboard} "${query.panel}"`));
  assert.deepEqual(problems, []);
});

test('the catalogue check catches an unknown metric, label and grouping', () => {
  assert.deepEqual(catalogueProblems('sum by (tier) (rate(evmsim_simulations_total{stage="x"}[5m])) / sum(evmsim_nothing)', 'q'), [
    'q: evmsim_simulations_total has no label stage',
    'q: evmsim_nothing is not in docs/metrics.md',
    'q: groups by tier, which none of its series has',
  ]);
  assert.deepEqual(catalogueProblems(
    'histogram_quantile(0.99, sum by (le, method) (rate(evmsim_upstream_call_duration_seconds_bucket{job="state-cache"}[$__rate_interval])))', 'q'), []);
});

test('the SQL panels read tables and columns that the gateway\'s migrations create', (t) => {
  const migrations = inRepo('simulate-api', 'src', 'main', 'resources', 'db', 'migration');
  if (!existsSync(migrations)) {
    t.todo('simulate-api/src/main/resources/db/migration does not exist in this checkout yet: '
      + 'the results dashboard\'s SQL was not checked against the gateway\'s schema');
    return;
  }
  const schema = readdirSync(migrations, { recursive: true }).filter((file) => file.endsWith('.sql'))
    .map((file) => readFileSync(join(migrations, file), 'utf8').toLowerCase()).join('\n');
  assert.ok(schema.length > 0, `no migrations under ${migrations}`);
  const words = new Set(schema.match(/[a-z_][a-z0-9_]*/g));
  const sqlQueries = dashboards.flatMap(queries).filter((query) => query.rawSql);
  assert.ok(sqlQueries.length > 0, 'no SQL panel');
  for (const query of sqlQueries) {
    for (const name of identifiers(query.rawSql)) {
      assert.ok(words.has(name), `${query.dashboard} "${query.panel}": ${name} is not in the gateway's migrations`);
    }
  }
});

test('SQL identifiers leave out keywords, functions, macros and aliases', () => {
  assert.deepEqual([...identifiers(`SELECT $__timeGroupAlias(simulation.created_at, '1m'), sum((simulation_event.payload ->> 'gasUsed')::bigint) AS "total gas"
    FROM simulation_event JOIN simulation ON simulation.id = simulation_event.simulation_id
    WHERE simulation_event.type = 'TRANSACTION' GROUP BY 1 ORDER BY 1`)].sort(),
  ['created_at', 'id', 'payload', 'simulation', 'simulation_event', 'simulation_id', 'type']);
});
