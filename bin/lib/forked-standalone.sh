# Sourced by scripts that need the platform running against a real node: starts anvil on 127.0.0.1
# with the test token deployed, then bin/standalone forking it (ETH_RPC_URL). Sets anvil_port, token,
# gateway_port, management_ports and work; every process started is stopped by its PID when the calling
# script exits. Needs ports 8082 (the state cache) and 8180-8182 (the management ports of the gateway, the
# worker and the state cache) free on 127.0.0.1; the gateway's API takes a free port.
[ -x tools/node/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil ] && [ -d tools/node/node_modules/solc ] \
  || npm install --prefix tools/node --no-audit --no-fund >&2
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

anvil_port="$(free_port)"
tools/node/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil --host 127.0.0.1 --port "$anvil_port" --hardfork osaka \
  > "$work/anvil.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf -o /dev/null -H 'Content-Type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$anvil_port" && break; sleep 0.1; done
token="$(node tools/node/deploy-token.js "http://127.0.0.1:$anvil_port" test-support/src/main/resources/contracts/Token.sol)"

gateway_port="$(free_port)"
ETH_RPC_URL="http://127.0.0.1:$anvil_port" SERVER_PORT="$gateway_port" bin/standalone > "$work/standalone.log" 2>&1 &
pids+=($!)
standalone_pid=$!
for _ in $(seq 600); do
  grep -q "ready in" "$work/standalone.log" && break
  if ! kill -0 "$standalone_pid" 2>/dev/null; then echo "bin/standalone failed; its log:" >&2; cat "$work/standalone.log" >&2; exit 1; fi
  sleep 0.5
done
grep -q "ready in" "$work/standalone.log" || { echo "bin/standalone not ready after 300 s; its log:" >&2; cat "$work/standalone.log" >&2; exit 1; }
# the management ports it printed (gateway, worker, state cache), each ready by its readiness group
management_ports=($(sed -n 's/.*management (actuator) on 127.0.0.1: gateway \([0-9]*\), worker \([0-9]*\), state cache \([0-9]*\).*/\1 \2 \3/p' "$work/standalone.log"))
[ "${#management_ports[@]}" = 3 ] || { echo "bin/standalone did not print its management ports; its log:" >&2; cat "$work/standalone.log" >&2; exit 1; }
for port in "${management_ports[@]}"; do
  curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" \
    || { echo "management port $port: /actuator/health/readiness is not 200" >&2; exit 1; }
done
