package io.evmsim.worker.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.AccountOverride;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.RpcCall;
import io.evmsim.common.simulation.RpcMethod;
import io.evmsim.common.simulation.SimulatedBlock;
import io.evmsim.common.simulation.SimulationKind;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.chain.ChainFork;
import io.evmsim.statecache.client.BlockHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * eth_simulateV1 where it once differed from geth (execution-apis' rpc-compat fixtures, geth's
 * {@code internal/ethapi/simulate.go} being the reference), on a chain of empty accounts and a few
 * contracts, under Prague's rules.
 */
class SimulateV1Test {
    private static final BlockHeader PINNED = new BlockHeader(100, Hash.fromHex("0x" + "11".repeat(32)), Hash.ZERO,
            Hash.ZERO, 1_700_000_000L, UInt256.ONE, 30_000_000L, Address.fromLong(0xfee), Hash.ZERO, 0, 1);
    private static final Address SENDER = Address.fromLong(0xc000);
    private static final Address IDENTITY = Address.fromLong(4);
    private static final Address MOVED_TO = Address.fromLong(0x123456);
    /** STATICCALL(GAS, 0x123456, no input, no output), then STOP. */
    private static final Address CALLS_MOVED_TO = Address.fromLong(0xca11);
    private static final byte[] CALLS_MOVED_TO_CODE = Hex.decode("0x5f5f5f5f621234565afa00");
    /** STATICCALL(GAS, 0x04, no input, no output), then STOP. */
    private static final Address CALLS_IDENTITY = Address.fromLong(0xca12);
    private static final byte[] CALLS_IDENTITY_CODE = Hex.decode("0x5f5f5f5f60045afa00");
    /** Returns COINBASE and GASLIMIT as two words. */
    private static final Address HEADER_READER = Address.fromLong(0xbeef);
    private static final byte[] HEADER_READER_CODE = Hex.decode("0x415f52456020526040" + "5ff3");
    /** Reverts with the word 42. */
    private static final Address REVERTER = Address.fromLong(0xdead);
    private static final byte[] REVERTER_CODE = Hex.decode("0x602a5f5260205ffd");
    /** Returns GAS, its first instruction's reading. */
    private static final Address GAS_READER = Address.fromLong(0x9a5);
    private static final byte[] GAS_READER_CODE = Hex.decode("0x5a5f5260205ff3");
    /** Returns BLOBBASEFEE. */
    private static final Address BLOB_BASE_FEE_READER = Address.fromLong(0xb10b);
    private static final byte[] BLOB_BASE_FEE_READER_CODE = Hex.decode("0x4a5f5260205ff3");
    private static final Map<Address, byte[]> CODE = Map.of(GAS_READER, GAS_READER_CODE,
            BLOB_BASE_FEE_READER, BLOB_BASE_FEE_READER_CODE,
            CALLS_MOVED_TO, CALLS_MOVED_TO_CODE,
            CALLS_IDENTITY, CALLS_IDENTITY_CODE, HEADER_READER, HEADER_READER_CODE,
            REVERTER, REVERTER_CODE);

    @Test
    void maxUsedGasIsAtLeastTheCalldataFloor() {
        // ethSimulate-override-identity: 2 bytes of calldata cost 21,032 intrinsic, EIP-7623's floor is 21,080
        JsonNode call = simulate(block(null, Map.of(), call(Address.fromLong(0xabc), "0x1234", null)))
                .get(0).get("calls").get(0);
        assertEquals("0x5258", call.get("gasUsed").stringValue());
        assertEquals("0x5258", call.get("maxUsedGas").stringValue());
    }

    @Test
    void gasLimitAndFeeRecipientCarryIntoTheFollowingBlocks() {
        // ethSimulate-run-gas-spending: geth's makeHeaders copies them from the previous simulated block
        Address recipient = Address.fromLong(0xc0ffee);
        BlockOverrides first = new BlockOverrides(null, null, null, recipient, null, 1_500_000L, null);
        BlockOverrides third = new BlockOverrides(PINNED.number() + 4, null, null, null, null, null, null);
        JsonNode blocks = simulate(block(first, Map.of()), block(third, Map.of(), call(HEADER_READER, "0x", null)));
        assertEquals(4, blocks.size()); // two filled in before the third
        for (JsonNode block : blocks) {
            assertEquals("0x16e360", block.get("gasLimit").stringValue(), block.toString());
            assertEquals(recipient.toString(), block.get("miner").stringValue());
        }
        String read = blocks.get(3).get("calls").get(0).get("returnData").stringValue();
        assertEquals(word(recipient.toString()) + word("0x16e360").substring(2), read);

        JsonNode error = simulateError(block(first, Map.of()), block(null, Map.of(),
                call(HEADER_READER, "0x", 1_500_001L)));
        assertEquals(SimulateV1.BLOCK_GAS_LIMIT_REACHED, error.get("code").intValue(), error.toString());
    }

    @Test
    void aMovedPrecompileIsBackAtItsAddressInTheNextBlock() {
        // ethSimulate-move-ecrecover-twice-and-call: each block starts with the fork's own precompiles
        Map<Address, AccountOverride> move = moveIdentityTo(MOVED_TO);
        JsonNode blocks = simulate(
                block(null, move, call(MOVED_TO, "0x1234", null), call(IDENTITY, "0x1234", null)),
                block(null, Map.of(), call(MOVED_TO, "0x1234", null), call(IDENTITY, "0x1234", null)),
                block(null, moveIdentityTo(Address.fromLong(0x123457)), call(Address.fromLong(0x123457), "0x1234",
                        null)));
        assertEquals(List.of("0x1234", "0x"), returnData(blocks.get(0)));
        assertEquals(List.of("0x", "0x1234"), returnData(blocks.get(1)));
        assertEquals(List.of("0x1234"), returnData(blocks.get(2)));
    }

    @Test
    void onlyTheForksPrecompileAddressesAreWarmWhenOneIsMoved() {
        // ethSimulate-override-ecrecover: geth warms vm.ActivePrecompiles(rules), not the moved set,
        // so the new address starts cold and the vacated one stays warm; only their code changes
        JsonNode blocks = simulate(
                block(null, Map.of(), call(CALLS_MOVED_TO, "0x", null), call(CALLS_IDENTITY, "0x", null)),
                block(null, moveIdentityTo(MOVED_TO), call(CALLS_MOVED_TO, "0x", null),
                        call(CALLS_IDENTITY, "0x", null)));
        long identityCost = 15; // the precompile's static cost with no input, paid where it answers
        assertEquals(gasUsed(blocks.get(0), 0) + identityCost, gasUsed(blocks.get(1), 0));
        assertEquals(gasUsed(blocks.get(0), 1) - identityCost, gasUsed(blocks.get(1), 1));
    }

    @Test
    void aRevertedCallsDataIsInTheErrorNotTheReturnData() {
        // ethSimulate-eth-send-should-not-produce-logs-on-revert
        JsonNode call = simulate(block(null, Map.of(), call(REVERTER, "0x", null))).get(0).get("calls").get(0);
        assertEquals("0x0", call.get("status").stringValue());
        assertEquals("0x", call.get("returnData").stringValue());
        assertEquals(RpcError.REVERTED, call.get("error").get("code").intValue());
        assertEquals(word("0x2a"), call.get("error").get("data").stringValue());
    }

    @Test
    void blobGasUsedCountsTheBlockCallsBlobs() {
        // ethSimulate-blobs: EIP-4844's 2^17 blob gas per blob hash
        Map<Address, AccountOverride> funded = Map.of(SENDER, new AccountOverride(UInt256.valueOf(1_000_000_000L),
                null, null, null, null));
        JsonNode blocks = simulate(
                block(null, funded, blobCall(1), blobCall(2)),
                block(null, Map.of(), call(HEADER_READER, "0x", null)));
        assertEquals("0x60000", blocks.get(0).get("blobGasUsed").stringValue());
        assertEquals("0x0", blocks.get(1).get("blobGasUsed").stringValue());
    }

    @Test
    void aCallWithoutGasGetsWhatIsLeftOfTheBlockUpToTheRpcGasCap() {
        // ethSimulate-get-block-properties: geth's sanitizeCall gives the block's remaining gas, then its
        // cross-block budget (the RPC gas cap, 50M here) clamps it
        JsonNode blocks = simulate(block(null, Map.of(), call(GAS_READER, "0x", null), call(GAS_READER, "0x", null)),
                block(new BlockOverrides(null, null, null, null, null, 60_000_000L, null), Map.of(),
                        call(GAS_READER, "0x", null)));
        long first = gasUsed(blocks.get(0), 0);
        assertEquals(PINNED.gasLimit() - 21_000 - 2, gasLeft(blocks.get(0), 0)); // GAS costs 2
        assertEquals(PINNED.gasLimit() - first - 21_000 - 2, gasLeft(blocks.get(0), 1));
        long spent = first + gasUsed(blocks.get(0), 1);
        assertEquals(50_000_000L - spent - 21_000 - 2, gasLeft(blocks.get(1), 0)); // the cap, less what was spent
    }

    @Test
    void withValidationTheEip7825CapDoesNotBindASimulatedCall() {
        // geth's simulator sets SkipTransactionChecks even with validation: 30M gas runs under Osaka rules
        JsonNode answer = answer(true, ChainFork.OSAKA, block(new BlockOverrides(null, null, UInt256.ZERO, null,
                null, null, null), Map.of(), call(GAS_READER, "0x", 30_000_000L)));
        assertEquals(null, answer.get("error"), answer.toString());
        assertEquals(30_000_000L - 21_000 - 2, gasLeft(answer.get("result").get(0), 0));
    }

    @Test
    void aNonceOverrideOfTwoToThe64MinusOneRunsAndWithValidationHasMaxValue() {
        // ethSimulate-overflow-nonce and ethSimulate-overflow-nonce-validation
        Map<Address, AccountOverride> maxNonce = Map.of(SENDER, new AccountOverride(null, -1L, null, null, null,
                null));
        assertEquals("0x1", simulate(block(null, maxNonce, call(GAS_READER, "0x", null))).get(0).get("calls").get(0)
                .get("status").stringValue());
        JsonNode error = answer(true, ChainFork.PRAGUE, block(new BlockOverrides(null, null, UInt256.ZERO, null,
                null, null, null), maxNonce, call(GAS_READER, "0x", null))).get("error");
        assertEquals(RpcError.INTERNAL, error.get("code").intValue(), error.toString());
        assertEquals("err: nonce has max value: address 0x000000000000000000000000000000000000c000, nonce: "
                + "18446744073709551615 (supplied gas 30000000)", error.get("message").stringValue());
    }

    @Test
    void withoutValidationBlobBaseFeeStillFollowsTheExcessBlobGas() {
        // geth zeroes only the base fee: with no excess blob gas BLOBBASEFEE reads EIP-4844's minimum, 1 wei
        JsonNode block = simulate(block(null, Map.of(), call(BLOB_BASE_FEE_READER, "0x", null))).get(0);
        assertEquals("0x0", block.get("baseFeePerGas").stringValue());
        assertEquals(word("0x1"), block.get("calls").get(0).get("returnData").stringValue());
    }

    private static long gasLeft(JsonNode block, int call) {
        return Long.decode("0x" + block.get("calls").get(call).get("returnData").stringValue().substring(2)
                .replaceFirst("^0+(?=.)", ""));
    }

    private static Map<Address, AccountOverride> moveIdentityTo(Address target) {
        return Map.of(IDENTITY, new AccountOverride(null, null, null, null, null, target));
    }

    private static SimulatedBlock block(BlockOverrides overrides, Map<Address, AccountOverride> state,
            CallRequest... calls) {
        return new SimulatedBlock(overrides, state, List.of(calls));
    }

    private static CallRequest call(Address to, String data, Long gas) {
        return new CallRequest(null, SENDER, to, Hex.decode(data), null, gas, null, null, null, null, null, null,
                null, null);
    }

    private static CallRequest blobCall(int blobs) {
        List<Hash> hashes = new ArrayList<>();
        for (int i = 0; i < blobs; i++) {
            hashes.add(Hash.fromHex("0x01" + Integer.toHexString(0x10 + i).repeat(31)));
        }
        return new CallRequest(null, SENDER, HEADER_READER, new byte[0], null, null, null, null, null, UInt256.ONE,
                null, null, hashes, null);
    }

    private static String word(String quantity) {
        String digits = quantity.substring(2);
        return "0x" + "0".repeat(64 - digits.length()) + digits;
    }

    private static List<String> returnData(JsonNode block) {
        List<String> data = new ArrayList<>();
        block.get("calls").forEach(call -> data.add(call.get("returnData").stringValue()));
        return data;
    }

    private static long gasUsed(JsonNode block, int call) {
        return Long.decode(block.get("calls").get(call).get("gasUsed").stringValue());
    }

    private static JsonNode simulate(SimulatedBlock... blocks) {
        JsonNode answer = answer(blocks);
        assertEquals(null, answer.get("error"), answer.toString());
        return answer.get("result");
    }

    private static JsonNode simulateError(SimulatedBlock... blocks) {
        JsonNode error = answer(blocks).get("error");
        assertEquals(false, error == null, "expected an error");
        return error;
    }

    private static JsonNode answer(SimulatedBlock... blocks) {
        return answer(false, ChainFork.PRAGUE, blocks);
    }

    private static JsonNode answer(boolean validation, ChainFork fork, SimulatedBlock... blocks) {
        RpcCall rpc = new RpcCall(RpcMethod.ETH_SIMULATE_V1, List.of(blocks), false, false, null, List.of());
        SimulationRequest request = new SimulationRequest("s1", "gateway", SimulationKind.SINGLE, "latest",
                List.of(), Map.of(), null, false, validation, 50_000_000L, 10_000, System.currentTimeMillis(), rpc);
        return CodeOnlyChain.answer(new CodeOnlyChain(PINNED, CODE), fork, request);
    }
}
