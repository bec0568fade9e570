#!/usr/bin/env node
'use strict';
// Compiles the test ERC-20 (test-support's contracts/Token.sol) with the pinned solc-js and deploys it
// from anvil's first development account with a supply of 10^24; prints the token's address.
// usage: node deploy-token.js http://127.0.0.1:PORT path/to/Token.sol
const fs = require('fs');
const http = require('http');
const solc = require('solc');

const [url, source] = process.argv.slice(2);
const FROM = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';

function rpc(method, params) {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
    const req = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => {
        const reply = JSON.parse(data);
        if (reply.error) reject(new Error(method + ': ' + JSON.stringify(reply.error))); else resolve(reply.result);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

(async () => {
  const input = { language: 'Solidity', sources: { 'Token.sol': { content: fs.readFileSync(source, 'utf8') } },
    settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['evm.bytecode.object'] } } } };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const bytecode = output.contracts['Token.sol'].Token.evm.bytecode.object;
  const supply = (10n ** 24n).toString(16).padStart(64, '0');
  const hash = await rpc('eth_sendTransaction', [{ from: FROM, data: '0x' + bytecode + supply, gas: '0x989680' }]);
  for (let i = 0; i < 500; i++) {
    const receipt = await rpc('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error('deployment failed: ' + JSON.stringify(receipt));
      console.log(receipt.contractAddress);
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('deployment not mined');
})().catch((e) => { console.error(e.message || e); process.exit(1); });
