package io.evmsim.worker.rpc;

import io.evmsim.common.simulation.CallRequest;
import io.evmsim.common.tx.AccessListEntry;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.interpreter.ContractAddress;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eth_createAccessList}, as geth builds it: run the call, collect what it touched, run it
 * again with that list (an access list changes gas, and so may change the path), until the list
 * no longer changes. The answer has the list, the gas used with it, and the error of a failed run.
 */
final class AccessLists {
    private static final int MAX_ROUNDS = 16;

    private AccessLists() {
    }

    static JsonNode answer(RpcRun run) {
        return run.attempt(fetched -> {
            BlockContext block = run.block();
            Map<Address, Precompile> precompiles = run.precompiles();
            TransactionProcessor processor = new TransactionProcessor(run.rules(), precompiles);
            CallRequest call = run.call();
            List<AccessListEntry> list = call.accessList();
            for (int round = 0; ; round++) {
                JournaledState state = run.state(fetched);
                CallRequest withList = withAccessList(call, list);
                long nonce = state.account(call.from()).nonce();
                Set<Address> excluded = new HashSet<>(precompiles.keySet());
                excluded.add(call.from());
                excluded.add(call.to() != null ? call.to() : ContractAddress.fromNonce(call.from(), nonce));
                AccessListTracer tracer = new AccessListTracer(excluded);
                Executed executed = run.run(processor, state, block, withList, tracer);
                TransactionResult result = executed.result();
                if (!result.isValid()) {
                    throw new RpcError(RpcError.SERVER_ERROR,
                            CallFailures.invalidMessage(result.invalid(), executed.tx(), state, block, run.rules()));
                }
                List<AccessListEntry> found = entries(tracer.touched());
                if (found.equals(list) || round == MAX_ROUNDS) {
                    return answer(found, result);
                }
                list = found;
            }
        });
    }

    private static ObjectNode answer(List<AccessListEntry> list, TransactionResult result) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode entries = node.putArray("accessList");
        for (AccessListEntry entry : list) {
            ObjectNode e = entries.addObject();
            e.put("address", entry.address().toString());
            ArrayNode keys = e.putArray("storageKeys");
            entry.storageKeys().forEach(key -> keys.add(key.toString()));
        }
        if (result.reverted()) {
            node.put("error", CallFailures.revertMessage(result.output()));
        } else if (result.halt() != null) {
            node.put("error", CallFailures.executionError(result).getMessage());
        }
        node.put("gasUsed", Quantities.hex(result.gasUsed()));
        return node;
    }

    private static List<AccessListEntry> entries(Map<Address, Set<UInt256>> touched) {
        List<AccessListEntry> entries = new ArrayList<>();
        touched.forEach((address, keys) -> {
            List<Hash> hashes = new ArrayList<>();
            keys.forEach(key -> hashes.add(Hash.wrap(key.toBytes32())));
            entries.add(new AccessListEntry(address, hashes));
        });
        return entries;
    }

    private static CallRequest withAccessList(CallRequest c, List<AccessListEntry> list) {
        return new CallRequest(c.type(), c.from(), c.to(), c.data(), c.value(), c.gas(), c.gasPrice(),
                c.maxFeePerGas(), c.maxPriorityFeePerGas(), c.maxFeePerBlobGas(), c.nonce(), list,
                c.blobVersionedHashes(), c.authorizationList());
    }

}
