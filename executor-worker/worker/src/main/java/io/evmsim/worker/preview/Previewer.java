package io.evmsim.worker.preview;

import io.evmsim.common.abi.Abis;
import io.evmsim.common.types.Address;
import io.evmsim.evm.assets.Asset;
import io.evmsim.evm.assets.AssetTransfer;
import io.evmsim.evm.block.BlockContext;
import io.evmsim.evm.decode.RevertReason;
import io.evmsim.evm.decode.TokenEvent;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.simulation.TransactionSimulation;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.transaction.EvmTransaction;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Builds a transaction's {@link Preview} on the state it left. Its reads of state go through the
 * simulation's own source: a run whose preview read something not yet fetched is run again after the
 * fetch, as for the transaction's own reads. A metadata read that fails (a revert, no such function,
 * a malformed answer) leaves that field absent; it never fails the simulation.
 */
public final class Previewer {
    private final TokenMetadataCache cache;
    private final Set<Address> knownDelegates;

    public Previewer(TokenMetadataCache cache, Set<Address> knownDelegates) {
        this.cache = cache;
        this.knownDelegates = Set.copyOf(knownDelegates);
    }

    public static Previewer of(PreviewProperties properties) {
        return new Previewer(new TokenMetadataCache(properties.tokenMetadataCacheSize(), properties.tokenMetadataTtl()),
                properties.knownDelegates().stream().filter(text -> !text.isBlank()).map(Address::fromHex)
                        .collect(Collectors.toSet()));
    }

    public TokenMetadataCache cache() {
        return cache;
    }

    /**
     * The calldata of the calls (from the zero address) by which a preview reads {@code token}'s metadata; none
     * when it is held. A state read can foresee what these calls read, before any run.
     */
    public List<byte[]> metadataReads(long chainId, Address token) {
        return cache.get(chainId, token) != null ? List.of() : TokenMetadataReader.READS;
    }

    /**
     * @param settled the simulation's state right after the transaction
     * @param stateComplete whether every read so far was answered from fetched state
     * @param chainsOwnCode whether a token's code is the chain's own at the block (its metadata may be cached)
     * @param abis the client's ABIs and the standard ones
     * @param offline read no state the simulation did not read (a partial preview): metadata is never
     *     worth missing the deadline for
     */
    public Preview of(TransactionSimulation simulation, JournaledState settled, CodeCache codeCache, ForkRules rules,
            BlockContext block, BooleanSupplier stateComplete, Predicate<Address> chainsOwnCode, Abis abis,
            boolean offline) {
        StateCalls calls = new StateCalls(settled, codeCache, rules, block, offline);
        Fee fee = fee(simulation, block);
        Map<Address, TokenMetadata> tokens = new LinkedHashMap<>();
        TokenMetadataReader reader = new TokenMetadataReader(cache, block.chainId(), calls, stateComplete,
                chainsOwnCode);
        if (simulation.assetChanges() != null) {
            for (AssetTransfer t : simulation.assetChanges().transfers()) {
                if (t.asset().kind() != Asset.AssetKind.ETH) {
                    tokens.computeIfAbsent(t.asset().token(), reader::read);
                }
            }
            for (TokenEvent approval : simulation.assetChanges().approvals()) {
                tokens.computeIfAbsent(approval.token(), reader::read);
            }
            tokens.values().removeIf(TokenMetadata::isEmpty);
        }
        Preview named = new Preview(fee, Map.copyOf(tokens), List.of(), List.of(), 0, abis, offline);
        String customError = customError(simulation, abis);
        List<PreviewWarning> warnings = Warnings.of(simulation, calls, block,
                token -> named.token(token).label(token.toString()), knownDelegates, customError);
        List<String> summary = Summaries.of(simulation, named::token, fee, customError);
        if (stateComplete.getAsBoolean()) {
            reader.countLookups();
        }
        return new Preview(fee, named.tokens(), summary, warnings, calls.calls(), abis, offline);
    }

    /** "InsufficientBalance(account: 0x..., needed: 5, available: 0)", when an ABI names the error. */
    private static String customError(TransactionSimulation simulation, Abis abis) {
        if (!(simulation.revertReason() instanceof RevertReason.CustomError)) {
            return null;
        }
        JsonNode decoded = abis.error(simulation.callTree().to(), simulation.result().output());
        if (decoded == null) {
            return null;
        }
        StringJoiner arguments = new StringJoiner(", ", decoded.get("name").asString() + "(", ")");
        for (JsonNode argument : decoded.get("arguments")) {
            String name = argument.get("name").asString();
            arguments.add((name.isEmpty() ? "" : name + ": ") + argument.get("value").asString(argument.get("value").toString()));
        }
        return arguments.toString();
    }

    /** {@code gasUsed * effectiveGasPrice} and the blob fee; zero for a transaction that did not run. */
    static Fee fee(TransactionSimulation simulation, BlockContext block) {
        EvmTransaction tx = simulation.transaction();
        if (simulation.result() == null || !simulation.result().isValid()) {
            return new Fee(tx.sender(), BigInteger.ZERO, BigInteger.ZERO);
        }
        BigInteger gas = simulation.effectiveGasPrice().toBigInteger()
                .multiply(BigInteger.valueOf(simulation.result().gasUsed()));
        BigInteger blob = tx.type() == 3
                ? block.blobBaseFee().toBigInteger().multiply(BigInteger.valueOf(tx.blobGas())) : BigInteger.ZERO;
        return new Fee(tx.sender(), gas, blob);
    }
}
