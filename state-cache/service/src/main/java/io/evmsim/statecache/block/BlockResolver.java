package io.evmsim.statecache.block;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.types.Hash;
import io.evmsim.statecache.cache.PostgresStore;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.state.StateSource;
import io.evmsim.statecache.upstream.UpstreamException;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Resolves block ids to concrete headers. Headers by hash never change and are cached in memory and
 * PostgreSQL. A number resolves without the source when the chain follower has walked that block on an
 * unbroken chain up to the head it saw last ({@link #followed}); other numbers, and tags, are asked of the
 * source (they move, and a number can be reorged). After a reorg, a number resolves to the block the follower
 * saw until its next poll; state is kept by block hash, so a resolution never mixes two blocks' state.
 */
public class BlockResolver {
    private final StateSource source;
    private final PostgresStore postgres;
    /** How far back BLOCKHASH reaches (the yellow paper's 256 most recent complete blocks). */
    public static final int MAX_ANCESTORS = 256;
    /** Blocks on the chain the follower walked, by number; at most this many, the newest kept. */
    static final int FOLLOWED_BLOCKS = 4_096;

    private final Cache<Hash, BlockHeader> byHash = Caffeine.newBuilder().maximumSize(10_000).build();
    private final ConcurrentNavigableMap<Long, Hash> followedChain = new ConcurrentSkipListMap<>();

    public BlockResolver(StateSource source, PostgresStore postgres) {
        this.source = source;
        this.postgres = postgres;
    }

    /** @throws UnknownBlockException when the source does not know the block */
    public BlockHeader resolve(String blockId) {
        BlockSelector selector = BlockSelector.parse(blockId);
        if (selector instanceof BlockSelector.ByHash hash) {
            return byHash(hash.hash());
        }
        if (selector instanceof BlockSelector.Number number) {
            Hash followed = followedChain.get(number.number());
            if (followed != null) {
                return byHash(followed);
            }
        }
        BlockHeader header = source.header(selector)
                .orElseThrow(() -> new UnknownBlockException("block " + blockId + " is not known to the "
                        + source.describe()));
        remember(header);
        return header;
    }

    /** The header with this hash. @throws UnknownBlockException when no one knows it */
    public BlockHeader byHash(Hash hash) {
        BlockHeader cached = byHash.getIfPresent(hash);
        if (cached != null) {
            return cached;
        }
        Optional<BlockHeader> header = postgres.header(hash).or(() -> source.header(new BlockSelector.ByHash(hash)));
        BlockHeader found = header.orElseThrow(() -> new UnknownBlockException("block " + hash
                + " is not known to the " + source.describe()));
        if (!found.hash().equals(hash)) {
            // its fields hash to the hash it claims (HeaderJson), but it is another block than the one asked for
            throw new UpstreamException("asked for block " + hash + ", the " + source.describe()
                    + " answered block " + found.number() + " " + found.hash());
        }
        remember(found);
        return found;
    }

    /**
     * The ancestor numbered {@code number} of the block with hash {@code pinned}, for BLOCKHASH: found by walking
     * parent hashes down from the pinned block, each header checked by its hash, never by a by-number lookup
     * (which may answer a block of another branch). Headers are cached by hash, so a walk is paid once.
     *
     * @throws IllegalArgumentException when {@code number} is not among the pinned block's {@link #MAX_ANCESTORS}
     *                                  ancestors
     * @throws UpstreamException        when a parent is not linked to its child
     */
    public BlockHeader ancestor(Hash pinned, long number) {
        BlockHeader block = byHash(pinned);
        if (number >= block.number() || block.number() - number > MAX_ANCESTORS) {
            throw new IllegalArgumentException("block " + number + " is not among the " + MAX_ANCESTORS
                    + " ancestors of block " + block.number() + " " + block.hash());
        }
        while (block.number() > number) {
            BlockHeader parent = byHash(block.parentHash());
            if (parent.number() != block.number() - 1) {
                throw new UpstreamException("block " + block.number() + " " + block.hash() + " names parent "
                        + parent.hash() + ", which is number " + parent.number());
            }
            block = parent;
        }
        return block;
    }

    /**
     * The chain follower reached {@code block}: from now on its number resolves to it. Blocks above it are
     * forgotten (the head moved back), and so is every block below it unless its parent is the block followed
     * at the number before (a reorg or a gap breaks the chain).
     */
    public void followed(BlockHeader block) {
        remember(block);
        followedChain.tailMap(block.number(), false).clear();
        Hash parent = followedChain.get(block.number() - 1);
        if (parent == null || !parent.equals(block.parentHash())) {
            followedChain.headMap(block.number()).clear();
        }
        followedChain.put(block.number(), block.hash());
        while (followedChain.size() > FOLLOWED_BLOCKS) {
            followedChain.pollFirstEntry();
        }
    }

    private void remember(BlockHeader header) {
        if (byHash.getIfPresent(header.hash()) == null) {
            byHash.put(header.hash(), header);
            postgres.putHeader(header);
        }
    }
}
