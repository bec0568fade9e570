// Finds the series a PromQL expression reads and the labels it uses: each metric name with the
// label names of its matchers, and the label names of by/without/on/ignoring/group_* clauses.
// A tokenizer, not a full parser: enough to tell metric names from functions, keywords, label
// names, strings, numbers and range durations, which is what the dashboard checks need.
const CLAUSES = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan', ...CLAUSES]);
// Aggregations may put their grouping clause before the parenthesis: `sum by (job) (...)`.
const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values',
  'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio']);
const TOKEN = /\s+|(?<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)|(?<variable>\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)|(?<number>(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?:ms|[smhdwy])?)|(?<identifier>[A-Za-z_:][A-Za-z0-9_:.]*)|(?<operator>=~|!~|!=|==|>=|<=|[-+*\/%^<>=(){}\[\],@:])/gy;

export function tokenize(expression) {
  const tokens = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(expression);
    if (!match) throw new Error(`cannot read PromQL at ${start}: ${expression.slice(start, start + 20)}`);
    const [kind, text] = Object.entries(match.groups).find(([, value]) => value !== undefined) ?? [];
    if (kind) tokens.push({ kind, text });
  }
  return tokens;
}

/** @returns {{ series: {name: string, labels: string[]}[], groupingLabels: string[] }} */
export function analyse(expression) {
  const tokens = tokenize(expression);
  const series = [];
  const groupingLabels = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.text === '[') {
      while (i < tokens.length && tokens[i].text !== ']') i++;
      continue;
    }
    if (token.kind !== 'identifier') continue;
    const next = tokens[i + 1]?.text;
    if (CLAUSES.has(token.text) && next === '(') {
      for (i += 2; i < tokens.length && tokens[i].text !== ')'; i++) {
        if (tokens[i].kind === 'identifier') groupingLabels.push(tokens[i].text);
      }
      continue;
    }
    if (KEYWORDS.has(token.text) || next === '(' || (AGGREGATIONS.has(token.text) && CLAUSES.has(next))) continue;
    const entry = { name: token.text, labels: [] };
    if (next === '{') {
      for (i += 2; i < tokens.length && tokens[i].text !== '}'; i++) {
        if (tokens[i].kind === 'identifier' && /^(=|!=|=~|!~)$/.test(tokens[i + 1]?.text ?? '')) entry.labels.push(tokens[i].text);
      }
    }
    series.push(entry);
  }
  return { series, groupingLabels };
}
