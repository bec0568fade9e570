// Drives POST /rpc/{key} with viem, unchanged, as a wallet that can only set a URL: the key is in the
// transport's URL and nowhere else. Usage: node viem-path-key.cjs <tools/node dir> <rpc url with key> <from> <to>
// Prints {"balance", "blockNumber", "call", "refused"}; "refused" is the HTTP status viem reports for the same
// URL without its key.
const { createRequire } = require('node:module');
const [toolsDir, url, from, to] = process.argv.slice(2);
const { createPublicClient, http } = createRequire(toolsDir + '/package.json')('viem');

async function main() {
  const client = createPublicClient({ transport: http(url) });
  const balance = await client.getBalance({ address: from });
  const blockNumber = await client.getBlockNumber();
  const called = await client.call({ account: from, to, data: '0x', value: 1n });
  let refused = null;
  try {
    const keyless = createPublicClient({ transport: http(url.replace(/\/rpc\/[^/]+$/, '/rpc'), { retryCount: 0 }) });
    await keyless.getBlockNumber();
  } catch (e) {
    refused = e.status ?? (e.cause && e.cause.status) ?? String(e);
  }
  process.stdout.write(JSON.stringify({ balance: String(balance), blockNumber: String(blockNumber),
    call: called.data ?? null, refused }));
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
