// promtool (Debian's `prometheus` package) accepts the Prometheus configuration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inRepo } from '../lib/paths.mjs';
import { onPath, run } from '../lib/tools.mjs';

test('promtool check config accepts deploy/prometheus/prometheus.yml', (t) => {
  if (!onPath('promtool')) {
    t.skip('promtool is not installed (apt-get install prometheus): the configuration was checked at the YAML level only, by compose.test.mjs');
    return;
  }
  const result = run('promtool', ['check', 'config', inRepo('deploy', 'prometheus', 'prometheus.yml')]);
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /SUCCESS/);
});
