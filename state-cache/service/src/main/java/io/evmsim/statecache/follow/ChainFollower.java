package io.evmsim.statecache.follow;

import io.evmsim.common.types.Address;
import io.evmsim.statecache.block.BlockResolver;
import io.evmsim.statecache.cache.PostgresStore;
import io.evmsim.statecache.client.BlockHeader;
import io.evmsim.statecache.upstream.JsonRpcUpstream;
import io.evmsim.statecache.upstream.UpstreamException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.JsonNode;

/**
 * Follows the head and carries hot cached state from each block to the next, using the block's state changes
 * (debug_traceBlockByHash with the prestate tracer in diff mode), so that reads at "latest" hit the cache. A
 * block whose parent is not the block followed before (a reorg or a gap) starts afresh. Where the upstream
 * cannot give diffs, this says so in the health output and every block is cached on its own.
 */
public class ChainFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);
    /**
     * Accounts written outside transactions, so absent from the traces: EIP-4788 beacon roots, EIP-2935 block
     * hashes, EIP-7002 withdrawal requests and EIP-7251 consolidation requests (system calls at block start and end).
     */
    static final Set<Address> SYSTEM_ACCOUNTS = Set.of(
            Address.fromHex("0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02"),
            Address.fromHex("0x0000F90827F1C53a10cb7A02335B175320002935"),
            Address.fromHex("0x00000961Ef480Eb55e80D19ad83579A64c007002"),
            Address.fromHex("0x0000BBdDc7CE488642fb579F8B00f3a590007251"));
    private static final Map<String, Object> PRESTATE_DIFF = Map.of("tracer", "prestateTracer",
            "tracerConfig", Map.of("diffMode", true));

    private final BlockResolver blocks;
    private final JsonRpcUpstream upstream;
    private final PostgresStore postgres;
    private final FollowProperties properties;
    private volatile BlockHeader followed;
    private volatile String diffsUnavailable;
    private volatile long carriedBlocks;
    private volatile long carriedRows;

    public ChainFollower(BlockResolver blocks, JsonRpcUpstream upstream, PostgresStore postgres,
            FollowProperties properties) {
        this.blocks = blocks;
        this.upstream = upstream;
        this.postgres = postgres;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${statecache.follow.poll-interval:2s}")
    public void poll() {
        try {
            follow(blocks.resolve("latest"));
        } catch (RuntimeException e) {
            LOG.warn("chain following: {}", e.getMessage());
        }
    }

    /** Moves to {@code head}, carrying state over every block in between that links to the one before. */
    public void follow(BlockHeader head) {
        BlockHeader previous = followed;
        if (previous == null || head.number() <= previous.number()
                || head.number() - previous.number() > properties.maxBlocksPerPoll()) {
            blocks.followed(head);
            followed = head;
            return;
        }
        Map<Long, BlockHeader> chain = new LinkedHashMap<>();
        for (long number = previous.number() + 1; number < head.number(); number++) {
            chain.put(number, blocks.resolve(Long.toString(number)));
        }
        chain.put(head.number(), head);
        for (BlockHeader block : chain.values()) {
            if (block.parentHash().equals(previous.hash()) && diffsUnavailable == null) {
                carry(previous, block);
            }
            blocks.followed(block);
            previous = block;
        }
        followed = head;
    }

    private void carry(BlockHeader parent, BlockHeader child) {
        StateDiff diff;
        Set<Address> withdrawn = new HashSet<>();
        try {
            diff = StateDiff.of(upstream.call("debug_traceBlockByHash", child.hash().toString(), PRESTATE_DIFF));
            JsonNode block = upstream.call("eth_getBlockByHash", child.hash().toString(), false);
            // EIP-4895 withdrawals credit balances outside transactions.
            block.path("withdrawals").forEach(w -> withdrawn.add(Address.fromHex(w.path("address").asString())));
        } catch (UpstreamException e) {
            diffsUnavailable = e.getMessage();
            LOG.warn("the upstream gives no state diffs ({}); caching each block on its own", e.getMessage());
            return;
        }
        diff.wipe(SYSTEM_ACCOUNTS);
        diff.wipe(withdrawn);
        postgres.putCode(diff.code);
        carriedRows += postgres.carryForward(parent.hash(), child.hash(), properties.hotWindow(), diff.replaced,
                diff.wiped, diff.updates, diff.slots);
        carriedBlocks++;
    }

    /** For the health output. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("head", followed == null ? "not yet seen" : followed.number() + " " + followed.hash());
        status.put("stateDiffs", diffsUnavailable == null ? "debug_traceBlockByHash prestateTracer diffMode"
                : "unavailable, caching each block on its own: " + diffsUnavailable);
        status.put("carriedBlocks", carriedBlocks);
        status.put("carriedRows", carriedRows);
        return status;
    }
}
