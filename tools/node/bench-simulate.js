#!/usr/bin/env node
'use strict';
// Load driver of bin/bench-simulate: closed-loop ERC-20 transfer simulations through POST /v1/simulate
// of a running gateway, over keep-alive HTTP on 127.0.0.1, at each concurrency for a bounded time.
//
// usage: node bench-simulate.js --gateway http://127.0.0.1:8080 --token 0x.. --from 0x..
//                               [--concurrency 1,16] [--duration-s 10] [--warmup-s 90] [--recipients 200]
// Every recipient is simulated once first, so the measured runs read a warm state cache; then load at
// concurrency 16 for --warmup-s (reported, not counted): on 2 cores the JVM's JIT compilers take the
// first minute or more of load to compile the service's hot code, and a service runs for days.
const http = require('http');

function args(argv) {
  const o = { gateway: '', token: '', from: '', concurrency: '1,16', durationS: '10', warmupS: '90', recipients: '200' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in o)) throw new Error('unknown option ' + argv[i]);
    o[key] = argv[i + 1];
  }
  for (const required of ['gateway', 'token', 'from']) if (!o[required]) throw new Error('--' + required + ' is required');
  return o;
}

function transferBody(token, from, i) {
  const to = (0x100000 + i).toString(16).padStart(64, '0');
  const amount = '1'.padStart(64, '0');
  return JSON.stringify({ from, to: token, data: '0xa9059cbb' + to + amount });
}

function post(url, body, agent) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: data, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ok = (r) => r.status === 200 && r.body.includes('"status":"success"') && r.body.includes('"returnData":"0x' + '0'.repeat(63) + '1"');

function quantile(sorted, q) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function closedLoop(url, bodies, concurrency, seconds) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies = [];
  let errors = 0; let firstError = null; let k = 0;
  const t0 = process.hrtime.bigint();
  const endAt = Date.now() + seconds * 1000;
  async function client() {
    while (Date.now() < endAt) {
      const r = await post(url, bodies[k++ % bodies.length], agent);
      latencies.push(r.ms);
      if (!ok(r)) { errors++; firstError = firstError || r.body.slice(0, 300); }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { concurrency, n: latencies.length, errors, firstError, perSecond: latencies.length / elapsed,
    p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

(async () => {
  const o = args(process.argv.slice(2));
  const url = o.gateway.replace(/\/$/, '') + '/v1/simulate';
  if (!/^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) throw new Error('loopback only: ' + url);
  const bodies = Array.from({ length: Number(o.recipients) }, (_, i) => transferBody(o.token, o.from, i));
  const warmAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  for (const body of bodies) {
    const r = await post(url, body, warmAgent);
    if (!ok(r)) throw new Error('warm-up simulation failed: ' + r.status + ' ' + r.body.slice(0, 300));
  }
  warmAgent.destroy();
  if (Number(o.warmupS) > 0) {
    const w = await closedLoop(url, bodies, 16, Number(o.warmupS));
    console.log(`evmsim warm-up c=16 for ${o.warmupS} s: ${w.perSecond.toFixed(0)} sim/s  p50 ${w.p50.toFixed(2)} ms (not counted)`);
  }
  for (const c of o.concurrency.split(',').map(Number)) {
    const r = await closedLoop(url, bodies, c, Number(o.durationS));
    console.log(`evmsim POST /v1/simulate c=${String(c).padStart(2)}  ${r.perSecond.toFixed(0).padStart(6)} sim/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  n=${r.n} errors=${r.errors}${r.firstError ? '  first error: ' + r.firstError : ''}`);
  }
})().catch((e) => { console.error(e.message || e); process.exit(1); });
