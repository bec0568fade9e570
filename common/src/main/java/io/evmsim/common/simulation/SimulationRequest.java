package io.evmsim.common.simulation;

import io.evmsim.common.types.Address;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated simulation request as the gateway publishes it to the {@code simulation-requests}
 * topic, keyed by {@link #id()} so that a bundle stays one unit on one partition.
 *
 * @param id the simulation id, also the key of every result record
 * @param replyTo the gateway replica holding the client's connection (see {@link SimulationEvent#replyTo()})
 * @param kind one transaction or an ordered bundle
 * @param block the block to simulate on: a tag, a number or a hash, as the gateway received it
 * @param transactions the transactions in order (exactly one for {@link SimulationKind#SINGLE})
 * @param stateOverrides account overrides applied before the first transaction
 * @param blockOverrides block-context overrides, or null
 * @param stopOnRevert a bundle stops at the first transaction that does not succeed
 * @param validation check nonces, balances and fee caps as a block would (off: eth_call semantics)
 * @param gasCap the most gas one transaction may use
 * @param deadlineMillis the wall-clock budget of the whole simulation
 * @param submittedAtMillis when the gateway accepted it (epoch milliseconds), for the queue time
 * @param rpc the JSON-RPC method this request answers, with what only that method needs; null for
 *     the REST API's simulations
 * @param include the parts of each transaction's result to build ({@link ResultPart}); every part when
 *     absent (a request from a gateway that predates the field). JSON-RPC methods build what they return.
 * @param abis the client's contract ABIs by address, each the JSON array as the gateway checked it,
 *     to decode calls, events and custom errors with
 */
public record SimulationRequest(String id, String replyTo, SimulationKind kind, String block,
        List<CallRequest> transactions, Map<Address, AccountOverride> stateOverrides, BlockOverrides blockOverrides,
        boolean stopOnRevert, boolean validation, long gasCap, long deadlineMillis, long submittedAtMillis,
        RpcCall rpc, Set<ResultPart> include, Map<Address, String> abis) {

    public SimulationRequest(String id, String replyTo, SimulationKind kind, String block,
            List<CallRequest> transactions, Map<Address, AccountOverride> stateOverrides,
            BlockOverrides blockOverrides, boolean stopOnRevert, boolean validation, long gasCap, long deadlineMillis,
            long submittedAtMillis) {
        this(id, replyTo, kind, block, transactions, stateOverrides, blockOverrides, stopOnRevert, validation, gasCap,
                deadlineMillis, submittedAtMillis, null, ResultPart.ALL, Map.of());
    }

    public SimulationRequest(String id, String replyTo, SimulationKind kind, String block,
            List<CallRequest> transactions, Map<Address, AccountOverride> stateOverrides,
            BlockOverrides blockOverrides, boolean stopOnRevert, boolean validation, long gasCap, long deadlineMillis,
            long submittedAtMillis, RpcCall rpc) {
        this(id, replyTo, kind, block, transactions, stateOverrides, blockOverrides, stopOnRevert, validation, gasCap,
                deadlineMillis, submittedAtMillis, rpc, ResultPart.ALL, Map.of());
    }

    public SimulationRequest {
        transactions = List.copyOf(transactions);
        stateOverrides = stateOverrides == null ? Map.of() : Map.copyOf(stateOverrides);
        include = include == null ? ResultPart.ALL
                : include.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(include));
        abis = abis == null ? Map.of() : Map.copyOf(abis);
    }

    /** Whether each transaction's result has {@code part}. */
    public boolean includes(ResultPart part) {
        return include.contains(part);
    }
}
