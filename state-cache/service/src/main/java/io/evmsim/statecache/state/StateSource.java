package io.evmsim.statecache.state;

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
     * touch (keys only: their values are for {@link #fetch} to read and prove). A source that cannot tell
     * names none.
     */
    default HintedFetch fetch(BlockHeader block, Map<Address, Set<UInt256>> wanted, Predicate<Hash> codeKnown,
            List<Protocol.CallHint> hints) {
        return new HintedFetch(fetch(block, wanted, codeKnown), Map.of());
    }

    /** What {@link #fetch} read, and the keys the hints named. */
    record HintedFetch(Map<Address, FetchedAccount> accounts, Map<Address, Set<UInt256>> hinted) {
    }

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
