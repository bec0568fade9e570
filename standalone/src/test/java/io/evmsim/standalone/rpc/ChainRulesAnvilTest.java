package io.evmsim.standalone.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulatedBlock;
import io.evmsim.common.simulation.SimulationError;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainSchedule;
import io.evmsim.evm.chain.GenesisConfig;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.statecache.client.StateCacheClient;
import io.evmsim.testsupport.Anvil;
import io.evmsim.worker.chain.ChainRules;
import io.evmsim.worker.rpc.RpcExecutor;
import io.evmsim.worker.simulation.ResultSink;
import io.evmsim.worker.simulation.RunBudget;
import io.evmsim.worker.simulation.SimulationExecutor;
import io.evmsim.worker.state.CodeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each block's rules against anvil 1.7.1: the worker forks a Prague node and an Osaka node (its
 * default), each serving its own schedule through eth_config as the state cache does, and its
 * results are compared with what the node itself does.
 */
class ChainRulesAnvilTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Address PROGRAM = Address.fromHex("0x00000000000000000000000000000000000c1a2e");
    private static final Address SENDER = Address.fromHex(Anvil.DEV_ACCOUNT);
    /** PUSH1 0xff, CLZ (0x1e, EIP-7939, Osaka), PUSH0, MSTORE, PUSH1 32, PUSH0, RETURN: 248 from Osaka on. */
    private static final String CLZ_PROGRAM = "0x60ff1e5f5260205ff3";
    /** BLOBBASEFEE (0x4a), then returned as one word. */
    private static final String BLOB_BASE_FEE_PROGRAM = "0x4a5f5260205ff3";
    /** NUMBER, TIMESTAMP and BASEFEE, returned as three words. */
    private static final String BLOCK_PROGRAM = "0x435f52426020524860405260605ff3";

    private static Anvil prague;
    private static Anvil osaka;

    @BeforeAll
    static void start() {
        prague = Anvil.start("--hardfork", "prague");
        osaka = Anvil.start();
        for (Anvil node : List.of(prague, osaka)) {
            node.deploy("0x600a600c600039600a6000f3" + "602a60005260206000f3"); // a block with gas used
        }
    }

    @AfterAll
    static void stop() {
        for (Anvil node : new Anvil[] {prague, osaka}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void clz_halts_on_the_prague_node_and_succeeds_on_the_osaka_node_each_result_naming_its_fork() {
        JsonNode onPrague = simulate(prague, "latest", CLZ_PROGRAM, null);
        assertEquals("Prague", onPrague.get("fork").asString());
        assertEquals("halted", onPrague.get("status").asString(), onPrague.toString());
        assertEquals("INVALID_OPCODE", onPrague.get("haltReason").asString(), onPrague.toString());
        JsonNode onOsaka = simulate(osaka, "latest", CLZ_PROGRAM, null);
        assertEquals("Osaka", onOsaka.get("fork").asString());
        assertEquals("success", onOsaka.get("status").asString(), onOsaka.toString());
        assertEquals(word(248), onOsaka.get("returnData").asString());
        // the node describes Osaka with its blob schedule (eth_config names no fork it inherits from)
        assertEquals(JSON.readTree("{\"fork\":\"Osaka\",\"target\":6,\"max\":9,\"baseFeeUpdateFraction\":5007716}"),
                onOsaka.get("blobSchedule"));
    }

    @Test
    void blobbasefee_matches_the_nodes_for_the_same_block() {
        for (Anvil node : List.of(prague, osaka)) {
            JsonNode ours = simulate(node, "latest", BLOB_BASE_FEE_PROGRAM, null);
            String theirs = node.rpc().callText("eth_call", Map.of("to", PROGRAM.toString()), "latest",
                    Map.of(PROGRAM.toString(), Map.of("code", BLOB_BASE_FEE_PROGRAM)));
            assertEquals(theirs, ours.get("returnData").asString());
            assertEquals(Long.decode(node.rpc().callText("eth_blobBaseFee")),
                    Long.decode(ours.get("block").get("blobBaseFee").asString()), ours.toString());
        }
    }

    @Test
    void a_blob_transaction_pays_the_nodes_blob_base_fee_per_blob_gas() {
        for (Anvil node : List.of(prague, osaka)) {
            long blobBaseFee = Long.decode(node.rpc().callText("eth_blobBaseFee"));
            List<Hash> blobs = List.of(Hash.fromHex("0x01" + "11".repeat(31)), Hash.fromHex("0x01" + "22".repeat(31)));
            CallRequest blobCall = new CallRequest(3, SENDER, PROGRAM, null, null, 100_000L, null,
                    UInt256.valueOf(100_000_000_000L), UInt256.ZERO, UInt256.valueOf(1_000_000_000L), null, null,
                    blobs, null);
            SimulationRequest request = new SimulationRequest("r", "gateway", SimulationKind.SINGLE, "latest",
                    List.of(blobCall), Map.of(PROGRAM, new AccountOverride(null, null,
                            Hex.decode(BLOB_BASE_FEE_PROGRAM), null, null)), null, false, true, 30_000_000L, 20_000,
                    System.currentTimeMillis());
            JsonNode result = run(node, request);
            assertEquals("success", result.get("status").asString(), result.toString());
            String sender = SENDER.toString();
            long paid = UInt256.parse(result.get("stateDiff").get("pre").get(sender).get("balance").asString())
                    .toBigInteger().subtract(UInt256.parse(result.get("stateDiff").get("post").get(sender)
                            .get("balance").asString()).toBigInteger()).longValueExact();
            long executionFee = result.get("gasUsed").asLong() * Long.decode(result.get("effectiveGasPrice")
                    .asString());
            assertEquals(2 * 131_072 * blobBaseFee, paid - executionFee, result.toString());
        }
    }

    @Test
    void eth_simulate_v1_runs_prague_then_osaka_across_a_genesis_osaka_time() {
        long latest = Long.decode(osaka.rpc().call("eth_getBlockByNumber", "latest", false).get("timestamp")
                .asString());
        long osakaTime = latest + 24;
        ChainSchedule chain = GenesisConfig.parse(JSON.readTree("{\"chainId\": 31337, \"cancunTime\": 0, "
                + "\"pragueTime\": 0, \"osakaTime\": " + osakaTime + "}"), "future-osaka");
        CallRequest clz = call(PROGRAM);
        Map<Address, AccountOverride> code = Map.of(PROGRAM, new AccountOverride(null, null, Hex.decode(CLZ_PROGRAM),
                null, null));
        List<SimulatedBlock> blocks = List.of(
                new SimulatedBlock(overridesAt(osakaTime - 1), code, List.of(clz)),
                new SimulatedBlock(overridesAt(osakaTime), Map.of(), List.of(clz)));
        RpcCall rpc = new RpcCall(RpcMethod.ETH_SIMULATE_V1, blocks, false, false, null, List.of());
        JsonNode answer = rpc(osaka, ChainRules.of(chain), "latest", List.of(), rpc).get("result");
        JsonNode before = answer.get(0).get("calls").get(0);
        JsonNode after = answer.get(1).get("calls").get(0);
        assertEquals("0x0", before.get("status").asString(), before.toString()); // CLZ is undefined in Prague
        assertEquals("0x1", after.get("status").asString(), after.toString());
        assertEquals(word(248), after.get("returnData").asString());
    }

    @Test
    void a_block_before_cancun_is_refused_naming_its_fork() {
        ChainSchedule late = GenesisConfig.parse(JSON.readTree(
                "{\"chainId\": 31337, \"londonBlock\": 0, \"shanghaiTime\": 0, \"cancunTime\": 4000000000}"), "late");
        List<String> errors = new ArrayList<>();
        executor(osaka, ChainRules.of(late)).run(request("latest", CLZ_PROGRAM, null),
                RunBudget.of(request("latest", CLZ_PROGRAM, null)), new ResultSink() {
            @Override
            public void transaction(int index, String outcome, String json) {
                throw new AssertionError("no transaction runs under Shanghai");
            }

            @Override

            public boolean admits(long leastBytes) {

                return true;

            }


            @Override
            public void summary(String outcome, String json) {
                throw new AssertionError("no transaction runs under Shanghai: " + json);
            }

            @Override
            public void error(SimulationError code, String message, String field) {
                errors.add(code + " " + field + " " + message);
            }
        });
        assertEquals(1, errors.size());
        assertTrue(errors.getFirst().startsWith("UNSUPPORTED_FORK block block "), errors.getFirst());
        assertTrue(errors.getFirst().endsWith(") is under Shanghai, whose rules this engine does not implement "
                + "(it runs Cancun, Prague, Osaka)"), errors.getFirst());
        JsonNode rpcError = rpc(osaka, ChainRules.of(late), "latest", List.of(call(PROGRAM)),
                RpcCall.of(RpcMethod.ETH_CALL)).get("error");
        assertEquals(-32602, rpcError.get("code").asInt());
        assertTrue(rpcError.get("message").asString().contains("is under Shanghai"), rpcError.toString());
    }

    @Test
    void the_pending_block_is_the_block_the_node_then_mines_on_the_same_parent() {
        JsonNode rest = simulate(osaka, "pending", BLOCK_PROGRAM, null);
        JsonNode rpcAnswer = rpc(osaka, ChainRules.from(new AnvilStateCache(osaka.rpc())), "pending",
                List.of(call(PROGRAM)), RpcCall.of(RpcMethod.ETH_CALL), BLOCK_PROGRAM).get("result");
        JsonNode parent = osaka.rpc().call("eth_getBlockByNumber", "latest", false);
        osaka.rpc().call("anvil_setBlockTimestampInterval", 12);
        osaka.rpc().call("evm_mine");
        JsonNode mined = osaka.rpc().call("eth_getBlockByNumber", "latest", false);
        assertEquals(parent.get("hash").asString(), mined.get("parentHash").asString());
        long number = Long.decode(mined.get("number").asString());
        long timestamp = Long.decode(mined.get("timestamp").asString());
        long baseFee = Long.decode(mined.get("baseFeePerGas").asString());
        assertTrue(baseFee != Long.decode(parent.get("baseFeePerGas").asString()), "the base fee moved: " + mined);
        assertEquals(number, rest.get("block").get("number").asLong(), rest.toString());
        assertEquals(timestamp, rest.get("block").get("timestamp").asLong(), rest.toString());
        assertEquals(baseFee, Long.decode(rest.get("block").get("baseFee").asString()), rest.toString());
        assertEquals(parent.get("hash").asString(), rest.get("block").get("parentHash").asString());
        assertEquals(word(number) + word(timestamp).substring(2) + word(baseFee).substring(2),
                rpcAnswer.asString());
    }

    private static BlockOverrides overridesAt(long timestamp) {
        return new BlockOverrides(null, timestamp, null, null, null, null, null);
    }

    /** A call paying 100 gwei a gas at most: the block's base fee applies (a call naming no fee runs without one). */
    private static CallRequest call(Address to) {
        return new CallRequest(null, SENDER, to, null, null, 1_000_000L, null, UInt256.valueOf(100_000_000_000L), null,
                null, null, null, null, null);
    }

    private static SimulationRequest request(String block, String program, BlockOverrides overrides) {
        return new SimulationRequest("r", "gateway", SimulationKind.SINGLE, block, List.of(call(PROGRAM)),
                Map.of(PROGRAM, new AccountOverride(null, null, Hex.decode(program), null, null)), overrides, false,
                false, 30_000_000L, 20_000, System.currentTimeMillis());
    }

    private static SimulationExecutor executor(Anvil node, ChainRules chain) {
        StateCacheClient client = new AnvilStateCache(node.rpc());
        return new SimulationExecutor(client, new CodeStore(client, 1 << 20), new CodeCache(16), chain, 8,
                new SimulationExecutor.WorkerMetrics() {
                    @Override
                    public void record(String stage, long nanos) {
                    }

                    @Override
                    public void gasUsed(long gas) {
                    }
                });
    }

    /** A single REST simulation on the node, its chain learned from the node's eth_config. */
    private static JsonNode simulate(Anvil node, String block, String program, BlockOverrides overrides) {
        return run(node, request(block, program, overrides));
    }

    private static JsonNode run(Anvil node, SimulationRequest request) {
        List<String> summaries = new ArrayList<>();
        executor(node, ChainRules.from(new AnvilStateCache(node.rpc()))).run(request, RunBudget.of(request),
                new ResultSink() {
                    @Override
                    public void transaction(int index, String outcome, String json) {
                        throw new AssertionError("a single transaction's result is its summary");
                    }

                    @Override

                    public boolean admits(long leastBytes) {

                        return true;

                    }


                    @Override
                    public void summary(String outcome, String json) {
                        summaries.add(json);
                    }

                    @Override
                    public void error(SimulationError code, String message, String field) {
                        throw new AssertionError(code + " " + message);
                    }
                });
        return JSON.readTree(summaries.getFirst());
    }

    private static JsonNode rpc(Anvil node, ChainRules chain, String block, List<CallRequest> calls, RpcCall rpc) {
        return rpc(node, chain, block, calls, rpc, null);
    }

    private static JsonNode rpc(Anvil node, ChainRules chain, String block, List<CallRequest> calls, RpcCall rpc,
            String program) {
        StateCacheClient client = new AnvilStateCache(node.rpc());
        RpcExecutor executor = new RpcExecutor(client, new CodeStore(client, 1 << 20), new CodeCache(16), chain, 8,
                250_000, 16L << 20);
        Map<Address, AccountOverride> overrides = program == null ? Map.of()
                : Map.of(PROGRAM, new AccountOverride(null, null, Hex.decode(program), null, null));
        SimulationRequest request = new SimulationRequest("r", "gateway", SimulationKind.SINGLE, block, calls,
                overrides, null, false, false, 30_000_000L, 20_000, System.currentTimeMillis(), rpc);
        List<String> answers = new ArrayList<>();
        executor.run(request, RunBudget.of(request), new ResultSink() {
            @Override
            public void transaction(int index, String outcome, String json) {
                throw new AssertionError("a JSON-RPC method answers with one summary");
            }

            @Override

            public boolean admits(long leastBytes) {

                return true;

            }


            @Override
            public void summary(String outcome, String json) {
                answers.add(json);
            }

            @Override
            public void error(SimulationError code, String message, String field) {
                throw new AssertionError(message);
            }
        });
        return JSON.readTree(answers.getFirst());
    }

    private static String word(long value) {
        return "0x" + String.format("%064x", value);
    }
}
