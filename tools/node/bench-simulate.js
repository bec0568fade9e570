#!/usr/bin/env node
'use strict';
// Load driver of bin/bench-simulate: closed-loop ERC-20 transfer simulations through POST /v1/simulate
// of a running gateway, over keep-alive HTTP on 127.0.0.1, at each concurrency for a bounded time.
//
// usage: node bench-simulate.js --gateway http://127.0.0.1:8080 --token 0x.. --from 0x..
//                               [--concurrency 1,16] [--duration-s 10] [--warmup-s 90] [--warmup-max-s 300]
//                               [--recipients 200] [--jvm-pid PID] [--profile-concurrency 64]
// Every recipient is simulated once first, so the measured runs read a warm state cache; then load at
// concurrency 16 (reported, not counted) in rounds of 10 s for at least --warmup-s and, given the
// service's --jvm-pid, until its JIT compiler threads used less than 5% of a core in a round (at most
// --warmup-max-s): on 2 cores the JIT takes two to four minutes of load to compile the service's hot
// code, and a service runs for days. With --jvm-pid each measured row also gives the service's CPU time
// per simulation, and the load generator's own. Each concurrency runs twice: the full result (every part),
// then the lean request anvil's eth_simulateV1 answers with ("include": ["logs"]: status, gas used, return
// data, logs). With --jvm-pid and --profile-concurrency, a further full-result run at that concurrency,
// recorded by JFR and not counted, gives the service's CPU per simulation by stage (jfr-stages.js).
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const stages = require('./jfr-stages');

function args(argv) {
  const o = { gateway: '', token: '', from: '', concurrency: '1,16', durationS: '10', warmupS: '90', warmupMaxS: '300',
    recipients: '200', jvmPid: '', profileConcurrency: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in o)) throw new Error('unknown option ' + argv[i]);
    o[key] = argv[i + 1];
  }
  for (const required of ['gateway', 'token', 'from']) if (!o[required]) throw new Error('--' + required + ' is required');
  return o;
}

function transferBody(token, from, i, include) {
  const to = (0x100000 + i).toString(16).padStart(64, '0');
  const amount = '1'.padStart(64, '0');
  return JSON.stringify({ from, to: token, data: '0xa9059cbb' + to + amount, ...(include ? { include } : {}) });
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

/** CPU seconds of a process, or of its threads whose name matches (Linux /proc). */
function cpuSeconds(pid, threadName) {
  const ticks = (stat) => { const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); return Number(f[11]) + Number(f[12]); };
  if (!threadName) return ticks(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')) / 100;
  let total = 0;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      if (threadName.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) total += ticks(stat);
    } catch (e) { /* the thread ended */ }
  }
  return total / 100;
}
/**
 * The PostgreSQL servers the JVM is connected to (the embedded ones of the standalone), and their backends: their
 * CPU is the service's too (the results store). Found from the JVM's sockets (/proc/net/tcp*) and each
 * postmaster's `-p PORT`.
 */
function databasePids(jvmPid) {
  const inodes = new Set();
  for (const fd of fs.readdirSync(`/proc/${jvmPid}/fd`)) {
    try { const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${jvmPid}/fd/${fd}`)); if (m) inodes.add(m[1]); } catch (e) { /* closed */ }
  }
  const ports = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[3] === '01' && inodes.has(f[9])) ports.add(parseInt(f[2].split(':')[1], 16));
    }
  }
  const processes = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      processes.push({ pid, ppid, cmd: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') });
    } catch (e) { /* the process ended */ }
  }
  const masters = new Set(processes.filter((p) => p.cmd[0].endsWith('/postgres') && p.cmd.includes('-p')
    && ports.has(Number(p.cmd[p.cmd.indexOf('-p') + 1]))).map((p) => p.pid));
  return processes.filter((p) => masters.has(p.pid) || masters.has(p.ppid)).map((p) => p.pid);
}

/** CPU seconds of the PostgreSQL servers the JVM uses (backends that ended meanwhile are not counted). */
function databaseCpuSeconds(jvmPid) {
  let total = 0;
  for (const pid of databasePids(jvmPid)) { try { total += cpuSeconds(pid); } catch (e) { /* ended */ } }
  return total;
}

const JIT_THREADS = /^C\d CompilerThre/;
const GC_THREADS = /^(GC Thread|VM Thread|G1 |ParGC|PSYoung|VM Periodic)/;

/** A full-result run at concurrency `c` under JFR: the service's CPU per simulation by stage. */
async function profile(o, url, bodies, c) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stages-')), 'stages.jfr');
  const jvm0 = cpuSeconds(o.jvmPid); const jit0 = cpuSeconds(o.jvmPid, JIT_THREADS); const gc0 = cpuSeconds(o.jvmPid, GC_THREADS);
  const event = stages.start(o.jvmPid, file);
  const r = await closedLoop(url, bodies, c, Number(o.durationS));
  stages.stop(o.jvmPid);
  const perSim = (seconds) => 1000 * seconds / r.n;
  const total = perSim(cpuSeconds(o.jvmPid) - jvm0);
  const jit = perSim(cpuSeconds(o.jvmPid, JIT_THREADS) - jit0);
  const gc = perSim(cpuSeconds(o.jvmPid, GC_THREADS) - gc0);
  const counts = stages.samplesByStage(file, event);
  const sampled = Object.values(counts).reduce((a, b) => a + b, 0);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  console.log(`evmsim stages c=${c} (full result, ${r.perSecond.toFixed(0)} sim/s under JFR, ${sampled} ${event} samples):`
    + ` service CPU ${total.toFixed(3)} ms per simulation`);
  for (const stage of stages.STAGES) {
    const ms = sampled === 0 ? 0 : (total - jit - gc) * counts[stage] / sampled;
    console.log(`  stage ${stage.padEnd(18)} ${ms.toFixed(3)} ms  ${(100 * ms / total).toFixed(1).padStart(5)}%`);
  }
  console.log(`  stage ${'JIT compiler'.padEnd(18)} ${jit.toFixed(3)} ms  ${(100 * jit / total).toFixed(1).padStart(5)}%`);
  console.log(`  stage ${'GC'.padEnd(18)} ${gc.toFixed(3)} ms  ${(100 * gc / total).toFixed(1).padStart(5)}%`);
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
  for (let spent = 0, n = 0, jitShare = 1; spent < Number(o.warmupS) || (o.jvmPid && jitShare >= 0.05);) {
    if (spent >= Number(o.warmupMaxS)) {
      console.log(`evmsim warm-up: the JIT still used ${(100 * jitShare).toFixed(0)}% of a core after ${spent} s`);
      break;
    }
    const jit0 = o.jvmPid ? cpuSeconds(o.jvmPid, JIT_THREADS) : 0;
    const w = await closedLoop(url, bodies, 16, 10);
    spent += 10;
    n += w.n;
    jitShare = o.jvmPid ? (cpuSeconds(o.jvmPid, JIT_THREADS) - jit0) / 10 : 0;
    if (spent >= Number(o.warmupS) && !(o.jvmPid && jitShare >= 0.05)) {
      console.log(`evmsim warm-up c=16 for ${spent} s: ${(n / spent).toFixed(0)} sim/s, last 10 s ${w.perSecond.toFixed(0)} sim/s`
        + `${o.jvmPid ? `, JIT ${(100 * jitShare).toFixed(0)}% of a core` : ''} (not counted)`);
    }
  }
  const leanBodies = Array.from({ length: Number(o.recipients) }, (_, i) => transferBody(o.token, o.from, i, ['logs']));
  for (const c of o.concurrency.split(',').map(Number)) {
    for (const [label, runBodies] of [['', bodies], ['lean ', leanBodies]]) {
      const jvm0 = o.jvmPid ? cpuSeconds(o.jvmPid) : 0;
      const db0 = o.jvmPid ? databaseCpuSeconds(o.jvmPid) : 0;
      const own0 = process.cpuUsage();
      const r = await closedLoop(url, runBodies, c, Number(o.durationS));
      const own = process.cpuUsage(own0);
      const jvm = o.jvmPid ? 1000 * (cpuSeconds(o.jvmPid) - jvm0) / r.n : 0;
      const db = o.jvmPid ? 1000 * (databaseCpuSeconds(o.jvmPid) - db0) / r.n : 0;
      const cpu = o.jvmPid ? `  CPU per sim: service ${(jvm + db).toFixed(3)} ms (JVM ${jvm.toFixed(3)}, PostgreSQL ${db.toFixed(3)}), `
        + `load generator ${((own.user + own.system) / 1000 / r.n).toFixed(3)} ms` : '';
      console.log(`evmsim POST /v1/simulate ${label}c=${String(c).padStart(2)}  ${r.perSecond.toFixed(0).padStart(6)} sim/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  n=${r.n} errors=${r.errors}${cpu}${r.firstError ? '  first error: ' + r.firstError : ''}`);
    }
  }
  if (o.jvmPid && o.profileConcurrency) await profile(o, url, bodies, Number(o.profileConcurrency));
})().catch((e) => { console.error(e.message || e); process.exit(1); });
