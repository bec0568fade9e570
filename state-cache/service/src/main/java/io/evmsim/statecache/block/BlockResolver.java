package io.evmsim.statecache.block;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.evmsim.common.types.Hash;
import io.evmsim.statecache.cache.PostgresStore;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.state.StateSource;
import java.util.Optional;

/**
 * Resolves block ids to concrete headers. Tags and numbers are always asked of the source (they move, and a
 * number can be reorged); headers by hash never change and are cached in memory and PostgreSQL.
 */
public class BlockResolver {
    private final StateSource source;
    private final PostgresStore postgres;
    private final Cache<Hash, BlockHeader> byHash = Caffeine.newBuilder().maximumSize(10_000).build();

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
        remember(found);
        return found;
    }

    private void remember(BlockHeader header) {
        if (byHash.getIfPresent(header.hash()) == null) {
            byHash.put(header.hash(), header);
            postgres.putHeader(header);
        }
    }
}
