package io.evmsim.worker.rpc;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.simulation.BlockOverrides;
import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.simulation.SimulatedBlock;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlobGas;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.block.BlockHashes;
import io.evmsim.evm.block.NextBlock;
import io.evmsim.evm.chain.BlockRules;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.state.WorldState;
import io.evmsim.evm.trace.GethText;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import io.evmsim.evm.transaction.Validation;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.worker.simulation.TransactionFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eth_simulateV1} (ethereum/execution-apis, {@code docs/ethsimulatev1-notes.md}; geth's
 * {@code internal/ethapi/simulate.go}): blocks of calls on top of the pinned block, each block's
 * state overrides applied to the state the earlier blocks left. Numbers and timestamps follow the
 * parent (+1, +12 seconds) unless overridden; a gap in numbers is filled with empty blocks, which the
 * answer lists too. Without validation the base fee is zero (the blob base fee is not) and fees are
 * not checked; a call that
 * would be rejected fails the whole request with the spec's code. Each block runs under the rules
 * its own number and timestamp choose, as geth's: blocks on either side of an activation run
 * different forks (and blob parameters).
 */
final class SimulateV1 {
    /** geth's {@code maxSimulateBlocks}: the client limit of -38026. */
    static final int MAX_BLOCKS = 256;
    static final long TIMESTAMP_INCREMENT = NextBlock.SLOT_SECONDS;
    static final int VM_ERROR = -32015;
    static final int BLOCK_GAS_LIMIT_REACHED = -38015;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SimulateV1() {
    }

    static JsonNode answer(RpcRun run) {
        List<PlannedBlock> plan = plan(run.header(), run.request().rpc().blocks());
        return run.attempt(fetched -> new Simulation(run, fetched).simulate(plan));
    }

    /** A block of the answer: the request's block, or an empty one filling a gap in numbers. */
    record PlannedBlock(long number, long timestamp, SimulatedBlock input) {
    }

    /** Numbers and timestamps of every block, checked for order before anything runs. */
    static List<PlannedBlock> plan(BlockHeader base, List<SimulatedBlock> blocks) {
        List<PlannedBlock> plan = new ArrayList<>();
        long number = base.number();
        long timestamp = base.timestamp();
        for (SimulatedBlock block : blocks) {
            BlockOverrides o = block.blockOverrides();
            long next = o != null && o.number() != null ? o.number() : number + 1;
            if (next <= number) {
                throw new RpcError(-38020, "block numbers must be in order: " + next + " <= " + number);
            }
            if (next - base.number() > MAX_BLOCKS) {
                throw new RpcError(-38026, "too many blocks");
            }
            for (long filler = number + 1; filler < next; filler++) {
                timestamp += TIMESTAMP_INCREMENT;
                plan.add(new PlannedBlock(filler, timestamp, new SimulatedBlock(null, Map.of(), List.of())));
            }
            long time = o != null && o.timestamp() != null ? o.timestamp() : timestamp + TIMESTAMP_INCREMENT;
            if (time <= timestamp) {
                throw new RpcError(-38021, "block timestamps must be in order: " + time + " <= " + timestamp);
            }
            plan.add(new PlannedBlock(next, time, block));
            number = next;
            timestamp = time;
        }
        return plan;
    }

    /** One run of the whole plan on one fetched state. */
    private static final class Simulation {
        private final RpcRun run;
        private final boolean validation;
        private final boolean traceTransfers;
        private final Map<Long, Hash> simulatedHashes = new HashMap<>();
        private final BlockHashes hashes;
        private WorldState base;
        private Hash parentHash;
        private UInt256 parentBaseFee;
        private long parentGasUsed;
        private long parentGasLimit;
        private Address parentCoinbase;
        /** geth's gas budget: the RPC gas cap, spent by every call of every block of the request. */
        private long gasBudget;

        Simulation(RpcRun run, WorldState fetched) {
            this.run = run;
            this.validation = run.request().validation();
            this.traceTransfers = run.request().rpc().traceTransfers();
            this.base = fetched;
            BlockHeader header = run.header();
            this.parentHash = header.hash();
            this.parentBaseFee = header.baseFee();
            this.parentGasLimit = header.gasLimit();
            this.parentCoinbase = header.coinbase();
            this.parentGasUsed = header.gasUsed() == null ? -1 : header.gasUsed();
            this.gasBudget = run.request().gasCap();
            this.hashes = number -> {
                Hash simulated = simulatedHashes.get(number);
                return simulated != null ? simulated : run.hashes().hashOf(number);
            };
        }

        ArrayNode simulate(List<PlannedBlock> plan) {
            ArrayNode blocks = JSON.arrayNode();
            for (PlannedBlock planned : plan) {
                blocks.add(block(planned));
            }
            return blocks;
        }

        private ObjectNode block(PlannedBlock planned) {
            SimulatedBlock input = planned.input();
            BlockRules rules = run.rulesAt(planned.number(), planned.timestamp());
            BlockContext block = context(planned, rules);
            JournaledState state = run.state(base, input.stateOverrides());
            // geth starts every block with the fork's own precompiles: a move lasts for its block
            TransactionProcessor processor = run.processor(rules.rules(), input.stateOverrides());
            SimulatedBlockJson json = new SimulatedBlockJson(planned.number(), block.timestamp(),
                    run.header().chainId(), block.baseFee());
            long gasUsed = 0;
            long blobGasUsed = 0;
            TransferLogTracer logs = new TransferLogTracer(traceTransfers);
            for (CallRequest call : input.calls()) {
                long remaining = block.gasLimit() - gasUsed;
                long wanted = call.gas() != null ? call.gas() : remaining; // geth lets a call without gas run wild
                if (wanted > remaining) {
                    throw new RpcError(BLOCK_GAS_LIMIT_REACHED, "block gas limit reached: remaining: " + remaining
                            + ", required: " + wanted);
                }
                long gas = Math.min(wanted, gasBudget);
                Executed executed = run.run(processor, state, block,
                        TransactionFactory.build(withGas(call, gas), state, block, rules.rules(), validation,
                                Long.MAX_VALUE), logs, validation ? Validation.SIMULATED_BLOCK : Validation.SKIPPED);
                TransactionResult result = executed.result();
                if (!result.isValid()) {
                    throw new RpcError(CallFailures.simulateCode(result.invalid()), "err: "
                            + CallFailures.invalidMessage(result.invalid(), executed.tx(), state, block, run.rules())
                            + " (supplied gas " + executed.tx().gasLimit() + ")");
                }
                gasUsed += result.gasUsed();
                gasBudget -= result.gasUsed();
                blobGasUsed += executed.tx().blobGas();
                json.addCall(call, executed, logs.logs(), gasUsed, callResult(result, gas < wanted));
            }
            Hash hash = json.finish(parentHash, block, gasUsed, blobGasUsed,
                    run.request().rpc().returnFullTransactions());
            simulatedHashes.put(planned.number(), hash);
            parentHash = hash;
            parentBaseFee = block.baseFee();
            parentGasUsed = gasUsed;
            parentGasLimit = block.gasLimit();
            parentCoinbase = block.coinbase();
            base = new StateView(state);
            return json.node();
        }

        /**
         * The block's context: like geth's {@code makeHeaders}, the fee recipient and gas limit
         * follow the previous simulated block (the pinned one for the first) unless overridden.
         */
        private BlockContext context(PlannedBlock planned, BlockRules rules) {
            BlockOverrides o = planned.input().blockOverrides();
            BlockHeader header = run.header();
            UInt256 baseFee = o != null && o.baseFee() != null ? o.baseFee()
                    : validation ? nextBaseFee() : UInt256.ZERO;
            // without validation geth zeroes the base fee only: BLOBBASEFEE still follows the excess blob gas
            UInt256 blobBaseFee = o != null && o.blobBaseFee() != null ? o.blobBaseFee()
                    : BlobGas.baseFee(header.excessBlobGas(), rules.blobSchedule().baseFeeUpdateFraction());
            return new BlockContext(planned.number(), planned.timestamp(),
                    o != null && o.coinbase() != null ? o.coinbase() : parentCoinbase,
                    o != null && o.gasLimit() != null ? o.gasLimit() : parentGasLimit, baseFee,
                    o != null && o.prevRandao() != null ? o.prevRandao() : UInt256.ZERO, header.excessBlobGas(),
                    blobBaseFee, header.chainId(), hashes);
        }

        /**
         * EIP-1559's base fee after the parent; after a pinned block whose gas used the state cache
         * does not carry (a header kept by an earlier version), the pinned block's own base fee.
         */
        private UInt256 nextBaseFee() {
            return parentGasUsed < 0 ? parentBaseFee : NextBlock.baseFee(parentBaseFee, parentGasUsed, parentGasLimit);
        }
    }

    /**
     * status, returnData, gasUsed, maxUsedGas and the error of a failed call (code 3 for a revert,
     * -32015 for a halt). As geth's: a failed call's returnData is empty (a revert's data is in
     * {@code error.data}), and maxUsedGas, the gas used before the refund, is at least the EIP-7623
     * calldata floor, the least gas limit the call could succeed with. A halt of a call whose gas the
     * RPC gas cap lowered says so.
     */
    private static ObjectNode callResult(TransactionResult result, boolean gasCapped) {
        ObjectNode node = JSON.objectNode();
        node.put("returnData", result.isSuccess() ? Hex.encode(result.output()) : "0x");
        node.put("gasUsed", Quantities.hex(result.gasUsed()));
        node.put("maxUsedGas", Quantities.hex(Math.max(result.gas().intrinsic() + result.gas().execution(),
                result.gas().floor())));
        node.put("status", result.isSuccess() ? "0x1" : "0x0");
        if (result.reverted()) {
            ObjectNode error = node.putObject("error");
            error.put("code", RpcError.REVERTED);
            error.put("message", CallFailures.revertMessage(result.output()));
            error.put("data", Hex.encode(result.output()));
        } else if (result.halt() != null) {
            ObjectNode error = node.putObject("error");
            error.put("code", VM_ERROR);
            error.put("message", GethText.halt(result.halt())
                    + (gasCapped ? " (gas limit was capped by the RPC server's global gas cap)" : ""));
        }
        return node;
    }

    private static CallRequest withGas(CallRequest c, long gas) {
        return new CallRequest(c.type(), c.from(), c.to(), c.data(), c.value(), gas, c.gasPrice(), c.maxFeePerGas(),
                c.maxPriorityFeePerGas(), c.maxFeePerBlobGas(), c.nonce(), c.accessList(), c.blobVersionedHashes(),
                c.authorizationList());
    }
}
