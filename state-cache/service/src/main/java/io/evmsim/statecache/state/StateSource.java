package io.evmsim.statecache.state;

import io.evmsim.common.simulation.StateProvenance;
import io.evmsim.common.types.Address;
import io.evmsim.common.types.Hash;
import io.evmsim.common.types.UInt256;
import io.evmsim.statecache.block.BlockSelector;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.client.Protocol;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Where state comes from when no cache holds it: an upstream node, or the devnet genesis. */
public interface StateSource {
    /** The block's header, or empty when the source does not know the block. */
    Optional<BlockHeader> header(BlockSelector block);

    /**
     * The accounts with the given slots at {@code block}, with the code of each account whose code hash
     * {@code codeKnown} does not accept. Fails rather than leave any part out.
     */
    Map<Address, FetchedAccount> fetch(BlockHeader block, Map<Address, Set<UInt256>> wanted, Predicate<Hash> codeKnown);

    /**
     * As {@link #fetch}, and in the same upstream request the accounts and slots {@code hints} are expected to
     * touch. The keys they name go to {@code unheld}, which answers those no cache holds; these are read and
     * proven in one more upstream request, together with the code the first one did not bring. A hint is only a
     * hint: what it names is read as anything else is, and a hinted read that fails is left out. A source that
     * cannot tell names none.
     */
    default HintedFetch fetch(BlockHeader block, Map<Address, Set<UInt256>> wanted, Predicate<Hash> codeKnown,
            List<Protocol.CallHint> hints, UnaryOperator<Map<Address, Set<UInt256>>> unheld) {
        return new HintedFetch(fetch(block, wanted, codeKnown), Map.of());
    }

    /** What {@link #fetch} read: the accounts asked for, and those the hints named, each with its named slots. */
    record HintedFetch(Map<Address, FetchedAccount> accounts, Map<Address, FetchedAccount> hinted) {
    }

    /** How what it fetches now is known (for the health output; each fetched account says so itself). */
    StateProvenance serves();

    /**
     * The RLP of the header of the block with this hash, checked to hash to it; empty when the source cannot
     * give it.
     */
    default Optional<byte[]> headerRlp(Hash block) {
        return Optional.empty();
    }

    /** A line for the health output: what the source is and what it can do. */
    String describe();
}
