#!/usr/bin/env node
'use strict';
// Driver of bin/bench-cold: latency and upstream requests of cold and warm simulations through a running
// gateway's POST /v1/simulate, whose state cache forks an upstream anvil through the peer's counting proxy
// (../shared/tools/peer-anvil/count_proxy.js, which adds --rtt-ms to every upstream HTTP request).
//
//   node bench-cold.js setup --upstream URL [--sets 4]            deploys the state, prints it as JSON
//   node bench-cold.js measure --gateway URL --proxy URL --state FILE --rtt-ms N [--jit-runs 300]
//
// The state is the peer's fork benchmark's (fork_anchor.js), built with its helpers (lib.js): Token.sol with
// holders, and the canonical UniswapV2Pair runtime over two Token.sol tokens. Each set is a token and a pair
// no simulation has read; set 0 warms the JIT, the others are measured, one fresh set per repeat.
// BENCH_COLD_VERBOSE=1 prints each simulation's timings and the upstream requests it caused (to stderr);
// BENCH_COLD_VERBOSE=params adds each call's parameters.
const fs = require('fs');
const http = require('http');
const path = require('path');

const PEER = path.join(__dirname, '..', '..', '..', 'shared', 'tools', 'peer-anvil');
const L = require(path.join(PEER, 'lib.js'));

function args(argv) {
  const o = { upstream: '', sets: '4', gateway: '', proxy: '', state: '', rttMs: '0', jitRuns: '300' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(key in o)) throw new Error('unknown option ' + argv[i]);
    o[key] = argv[i + 1];
  }
  return o;
}

const word = (v) => '0x' + L.pad32(BigInt(v).toString(16));

/** One token with 8 holders and one Uniswap V2 pair, as fork_anchor.js sets them up. */
async function deploySet(url, dev, k) {
  const token = await L.deployToken(url, dev, 'Cold' + k, 'C' + k, 10n ** 30n);
  const holders = Array.from({ length: 8 }, (_, i) => L.holderAddress(i, `cold-${k}`));
  const drop = await L.rpc(url, 'eth_sendTransaction', [{ from: dev, to: token.address, data: L.encAirdrop(holders, 10n ** 21n), gas: L.hex(3_000_000) }]);
  if ((await L.waitReceipt(url, drop)).status !== '0x1') throw new Error('airdrop failed');
  const t0 = await L.deployToken(url, dev, 'T0-' + k, 'T0', 10n ** 30n);
  const t1 = await L.deployToken(url, dev, 'T1-' + k, 'T1', 10n ** 30n);
  const fixture = JSON.parse(fs.readFileSync(path.join(PEER, '..', '..', 'benchmarks', 'contracts', 'uniswap_v2_pair.json'), 'utf8')).uniswap_v2_pair;
  const pair = '0x' + (0xa11ce0 + k).toString(16).padStart(40, '0');
  const R0 = 10n ** 24n, R1 = 2n * 10n ** 24n, IN = 10n ** 18n;
  const OUT = (IN * 997n * R1) / (R0 * 1000n + IN * 997n);
  await L.rpc(url, 'anvil_setCode', [pair, fixture.pre['0xcccccccccccccccccccccccccccccccccccccccc'].code]);
  for (const [slot, value] of [[5, 0xfac70], [6, BigInt(t0.address)], [7, BigInt(t1.address)], [8, (1n << 224n) | (R1 << 112n) | R0], [12, 1]]) {
    await L.rpc(url, 'anvil_setStorageAt', [pair, word(slot), word(value)]);
  }
  for (const [t, amount] of [[t0.address, R0 + IN], [t1.address, R1]]) {
    await L.waitReceipt(url, await L.rpc(url, 'eth_sendTransaction', [{ from: dev, to: t, data: L.encTransfer(pair, amount), gas: L.hex(200000) }]));
  }
  const trader = L.holderAddress(k, 'trader');
  const swap = '0x022c0d9f' + L.pad32('0') + L.pad32(OUT.toString(16)) + L.pad32(trader) + L.pad32((128).toString(16)) + L.pad32('0');
  return { token: token.address, holders, pair, swap: { from: trader, to: pair, data: swap } };
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

function get(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => { const c = []; res.on('data', (d) => c.push(d)); res.on('end', () => resolve(JSON.parse(Buffer.concat(c).toString()))); }).on('error', reject);
  });
}

async function measure(o) {
  const state = JSON.parse(fs.readFileSync(o.state, 'utf8'));
  const url = o.gateway.replace(/\/$/, '') + '/v1/simulate';
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const block = L.hex(state.block);
  const transfer = (set, a, b) => ({ from: set.holders[a], to: set.token, data: L.encTransfer(set.holders[b], 1), block });
  const swap = (set) => ({ ...set.swap, block });
  async function simulate(request) {
    await get(o.proxy + '/__reset');
    const r = await post(url, JSON.stringify(request), agent);
    const counts = await get(o.proxy + '/__reset');
    let doc;
    try { doc = JSON.parse(r.body); } catch (e) { doc = {}; }
    if (r.status !== 200 || doc.status !== 'success') throw new Error(`simulation failed: ${r.status} ${r.body.slice(0, 400)}`);
    const t = doc.timings || {};
    if (process.env.BENCH_COLD_VERBOSE) {
      console.error(`${r.ms.toFixed(1)} ms ${JSON.stringify(t)}`);
      for (const e of counts.log) console.error(`  +${e.t} ms ${e.methods.map((m, i) => m + (process.env.BENCH_COLD_VERBOSE === 'params' ? e.params[i] : '')).join(' ')}`);
    }
    return { ms: r.ms, proxied: counts.calls, proxiedHttp: counts.http, methods: counts.byMethod, rounds: t.stateFetchRounds,
      upstreamRequests: t.upstreamRequests, upstreamMs: t.upstreamMs, stateFetchMs: t.stateFetchMs, executionMs: t.executionMs };
  }
  // JIT warm-up on set 0: transfers between changing holder pairs (cold slots) and the swap, then warm repeats
  const warm = state.sets[0];
  let warmFailures = 0;
  for (let i = 0; i < Number(o.jitRuns); i++) {
    const from = i % 8;
    try {
      await simulate(i % 5 === 4 ? swap(warm) : transfer(warm, from, (from + 1 + (Math.floor(i / 8) % 7)) % 8));
    } catch (e) {
      if (++warmFailures > 5) throw e;
      console.error(`warm-up simulation ${i} failed (not counted): ${e.message.slice(0, 200)}`);
    }
  }
  const rows = [];
  for (const set of state.sets.slice(1)) {
    rows.push(['ERC-20 transfer, token and holders cold', await simulate(transfer(set, 0, 1))]);
    rows.push(['ERC-20 transfer, the same again (warm)', await simulate(transfer(set, 0, 1))]);
    rows.push(['ERC-20 transfer, contract warm, holders cold', await simulate(transfer(set, 2, 3))]);
    rows.push(['Uniswap V2 pair swap, pair and tokens cold', await simulate(swap(set))]);
    rows.push(['Uniswap V2 pair swap, the same again (warm)', await simulate(swap(set))]);
  }
  agent.destroy();
  const byCase = new Map();
  for (const [name, r] of rows) (byCase.get(name) || byCase.set(name, []).get(name)).push(r);
  const range = (xs, d = 1) => { const lo = Math.min(...xs), hi = Math.max(...xs); return lo === hi ? lo.toFixed(d) : `${lo.toFixed(d)}-${hi.toFixed(d)}`; };
  const ints = (xs) => { const lo = Math.min(...xs), hi = Math.max(...xs); return lo === hi ? `${lo}` : `${lo}-${hi}`; };
  for (const [name, rs] of byCase) {
    const methods = [...new Set(rs.flatMap((r) => Object.keys(r.methods)))].sort().map((m) => `${m}:${ints(rs.map((r) => r.methods[m] || 0))}`).join(', ');
    console.log(`evmsim rtt ${String(o.rttMs).padStart(2)} ms  ${name.padEnd(46)} ${L.fmt(L.median(rs.map((r) => r.ms)), 1).padStart(7)} ms (${range(rs.map((r) => r.ms))})`
      + `  rounds ${ints(rs.map((r) => r.rounds))}  upstream requests ${ints(rs.map((r) => r.upstreamRequests ?? NaN))} (proxy: ${ints(rs.map((r) => r.proxiedHttp))} HTTP, ${ints(rs.map((r) => r.proxied))} calls [${methods || '-'}])`
      + `  upstream ${range(rs.map((r) => r.upstreamMs ?? NaN))} ms, execution ${range(rs.map((r) => r.executionMs))} ms  n=${rs.length}`);
  }
}

(async () => {
  const [command, ...rest] = process.argv.slice(2);
  const o = args(rest);
  if (command === 'setup') {
    const dev = (await L.rpc(o.upstream, 'eth_accounts', []))[0];
    const sets = [];
    for (let k = 0; k < Number(o.sets); k++) sets.push(await deploySet(o.upstream, dev, k));
    await L.rpc(o.upstream, 'anvil_mine', ['0x1']);
    const blockNumber = Number(BigInt(await L.rpc(o.upstream, 'eth_blockNumber', [])));
    console.log(JSON.stringify({ block: blockNumber, sets }));
  } else if (command === 'measure') {
    await measure(o);
  } else {
    throw new Error('usage: bench-cold.js setup|measure [options]');
  }
})().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
