// Drives POST /rpc with viem, unchanged, as a wallet would: simulateCalls (eth_simulateV1) and call
// with state overrides (eth_call). Usage: node viem-client.cjs <tools/node dir> <rpc url> <token> <holder>
const { createRequire } = require('node:module');
const [toolsDir, url, token, holder] = process.argv.slice(2);
const { createPublicClient, http, parseAbi, encodeFunctionData, keccak256, encodeAbiParameters } =
    createRequire(toolsDir + '/package.json')('viem');

const abi = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function transfer(address to, uint256 amount) returns (bool)',
]);

async function main() {
  const client = createPublicClient({ transport: http(url) });
  const simulated = await client.simulateCalls({
    account: holder,
    calls: [
      { to: token, abi, functionName: 'transfer', args: ['0x000000000000000000000000000000000000c0c0', 7n] },
      { to: token, abi, functionName: 'balanceOf', args: ['0x000000000000000000000000000000000000c0c0'] },
    ],
  });
  const slot = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [holder, 0n]));
  const called = await client.call({
    to: token,
    data: encodeFunctionData({ abi, functionName: 'balanceOf', args: [holder] }),
    stateOverride: [{ address: token, stateDiff: [{ slot, value: '0x' + (1234n).toString(16).padStart(64, '0') }] }],
  });
  const results = simulated.results.map((r) => ({ status: r.status, result: String(r.result), gasUsed: String(r.gasUsed),
    logs: r.logs ? r.logs.length : 0 }));
  process.stdout.write(JSON.stringify({ simulate: results, call: called.data }));
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e));
  process.exit(1);
});
