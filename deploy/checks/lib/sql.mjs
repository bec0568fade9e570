// The table and column names a Grafana SQL query uses: identifiers that are not SQL keywords,
// function names, Grafana macros, aliases or quoted labels.
const KEYWORDS = new Set(`select from where group by order asc desc limit offset as and or not in is null
  case when then else end distinct having join left right inner outer on interval true false like between
  filter over partition bigint integer numeric text`.split(/\s+/));

export function identifiers(sql) {
  const text = sql
    .replace(/'(?:[^']|'')*'/g, ' ')     // string literals
    .replace(/"(?:[^"]|"")*"/g, ' ')     // quoted aliases
    .replace(/\$__[A-Za-z]+/g, ' ');     // Grafana macros; their arguments stay
  const names = new Set();
  const tokens = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*|\S/g)].map((match) => match[0]);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].toLowerCase();
    if (!/^[a-z_]/.test(token) || KEYWORDS.has(token) || tokens[i + 1] === '(') continue;
    if (tokens[i - 1]?.toLowerCase() === 'as') continue;
    names.add(token);
  }
  return names;
}
