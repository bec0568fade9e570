// Reads the Prometheus text format that /actuator/prometheus serves: the names of its series.
export function seriesNames(text) {
  const names = new Set();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{|\s)/.exec(line);
    if (match) names.add(match[1]);
  }
  return names;
}
