package io.evmsim.evm.chain;

import io.evmsim.evm.fork.BlobSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * A node's answer to {@code eth_config} (EIP-7910): its current fork, and the next and last scheduled
 * ones, each with its activation time (0 when active at genesis), blob schedule, chain id and active
 * precompiles. The answer names no fork, so a fork is recognised by its precompile addresses: 0x0a
 * (KZG point evaluation, EIP-4844) from Cancun, 0x0b..0x11 (BLS12-381, EIP-2537) from Prague, 0x100
 * (P256VERIFY, EIP-7951) from Osaka; an entry with the same precompiles as the one before and other blob
 * parameters is a BPO fork (EIP-7892), and with the same blob parameters too a fork the engine cannot
 * tell (so refused).
 */
public final class EthConfig {
    private static final Set<Integer> CANCUN_PRECOMPILES = range(0x01, 0x0a);
    private static final Set<Integer> PRAGUE_PRECOMPILES = range(0x01, 0x11);
    private static final Set<Integer> OSAKA_PRECOMPILES = with(PRAGUE_PRECOMPILES, 0x100);

    /** One of current, next and last. */
    public record Entry(String member, long activationTime, BlobSchedule blobSchedule, long chainId,
            Set<Integer> precompiles) {
        /** The fork these precompiles are Cancun's, Prague's or Osaka's; {@link ChainFork#UNIDENTIFIED} otherwise. */
        public ChainFork fork() {
            if (precompiles.equals(OSAKA_PRECOMPILES)) {
                return ChainFork.OSAKA;
            }
            if (precompiles.equals(PRAGUE_PRECOMPILES)) {
                return ChainFork.PRAGUE;
            }
            return precompiles.equals(CANCUN_PRECOMPILES) ? ChainFork.CANCUN : ChainFork.UNIDENTIFIED;
        }
    }

    private EthConfig() {
    }

    /**
     * The entries of an answer, in order, those repeating the one before left out.
     *
     * @throws IllegalArgumentException naming the member at fault
     */
    public static List<Entry> entries(JsonNode answer) {
        List<Entry> entries = new ArrayList<>();
        for (String member : List.of("current", "next", "last")) {
            JsonNode node = answer == null ? null : answer.get(member);
            if (node == null || node.isNull()) {
                if (member.equals("current")) {
                    throw new IllegalArgumentException("eth_config answered no current fork");
                }
                continue;
            }
            Entry entry = entry(member, node);
            if (entries.isEmpty() || entries.getLast().activationTime() != entry.activationTime()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /**
     * Where {@code chain} and the node's answer disagree, one line each: the chain id, a fork the node
     * activates when the table has none, the fork recognised, the blob parameters. Empty when they agree.
     */
    public static List<String> differences(ChainSchedule chain, JsonNode answer) {
        List<String> differences = new ArrayList<>();
        for (Entry entry : entries(answer)) {
            String at = "eth_config." + entry.member() + " (activation time " + entry.activationTime() + ")";
            if (entry.chainId() != chain.chainId()) {
                differences.add(at + ": chain id " + entry.chainId() + ", " + chain.name() + "'s is " + chain.chainId());
                continue;
            }
            long time = entry.activationTime();
            boolean scheduled = time == 0 || chain.activations().stream()
                    .anyMatch(activation -> activation.byTimestamp() && activation.at() == time);
            if (!scheduled) {
                differences.add(at + ": the node activates a fork then, " + chain.name() + "'s table none");
            }
            Activation named = chain.namedAt(Long.MAX_VALUE, time);
            ChainFork ours = named == null ? ChainFork.UNDESCRIBED : named.fork();
            ChainFork theirs = entry.fork();
            // a fork after Osaka that the engine does not implement may add no precompile: told by its time only
            boolean laterFork = ours.compareTo(ChainFork.OSAKA) > 0 && ours.engineFork() == null
                    && !ours.blobParametersOnly();
            boolean sameFork = theirs == ours
                    || laterFork && (theirs == ChainFork.UNIDENTIFIED || theirs == ChainFork.OSAKA);
            if (!sameFork) {
                differences.add(at + ": the node's precompiles are " + theirs.displayName() + "'s, "
                        + chain.name() + "'s table has " + ours.displayName());
            }
            Activation blobs = chain.blobsAt(Long.MAX_VALUE, time);
            BlobSchedule ourBlobs = blobs != null ? blobs.blobSchedule()
                    : ours.engineFork() != null ? chain.rulesAt(Long.MAX_VALUE, time).blobSchedule() : null;
            if (!entry.blobSchedule().equals(ourBlobs)) {
                differences.add(at + ": blob schedule " + describe(entry.blobSchedule()) + ", " + chain.name()
                        + "'s table has " + (ourBlobs == null ? "none" : describe(ourBlobs)));
            }
        }
        return differences;
    }

    /**
     * The schedule the answer describes: from the current fork on (blocks before its activation are
     * under {@link ChainFork#UNDESCRIBED} and refused), the next and last forks at their times.
     *
     * @throws IllegalArgumentException when the forks cannot be told apart or ordered
     */
    public static ChainSchedule schedule(JsonNode answer, String name) {
        List<Entry> entries = entries(answer);
        List<Activation> activations = new ArrayList<>();
        if (entries.getFirst().activationTime() != 0) {
            activations.add(Activation.atTime(ChainFork.UNDESCRIBED, 0));
        }
        ChainFork previous = null;
        BlobSchedule previousBlobs = null;
        int bpo = 0;
        for (Entry entry : entries) {
            ChainFork fork = entry.fork();
            if (fork == previous && !entry.blobSchedule().equals(previousBlobs)) {
                fork = ChainFork.valueOf("BPO" + ++bpo);
            } else if (fork == previous) {
                fork = ChainFork.UNIDENTIFIED; // a fork with the same precompiles and blobs: not one the engine knows
            } else {
                previous = fork;
            }
            previousBlobs = entry.blobSchedule();
            activations.add(Activation.atTime(fork, entry.activationTime(), entry.blobSchedule()));
        }
        return new ChainSchedule(entries.getFirst().chainId(), name, activations);
    }

    private static Entry entry(String member, JsonNode node) {
        String where = "eth_config." + member;
        JsonNode blobs = node.get("blobSchedule");
        if (blobs == null || !blobs.isObject()) {
            throw new IllegalArgumentException(where + ".blobSchedule is required");
        }
        BlobSchedule schedule = new BlobSchedule((int) GenesisConfig.number(blobs, "target", where + ".blobSchedule"),
                (int) GenesisConfig.number(blobs, "max", where + ".blobSchedule"),
                GenesisConfig.number(blobs, "baseFeeUpdateFraction", where + ".blobSchedule"));
        JsonNode precompiles = node.get("precompiles");
        if (precompiles == null || !precompiles.isObject()) {
            throw new IllegalArgumentException(where + ".precompiles is required");
        }
        Set<Integer> addresses = new TreeSet<>();
        for (JsonNode address : precompiles) {
            String hex = address.asString().toLowerCase(Locale.ROOT);
            if (!hex.matches("0x[0-9a-f]{40}") || !hex.substring(2, 34).matches("0*")) {
                addresses.add(-1); // no known fork has a precompile there
            } else {
                addresses.add(Integer.parseInt(hex.substring(34), 16));
            }
        }
        return new Entry(member, GenesisConfig.number(node, "activationTime", where),
                schedule, GenesisConfig.number(node, "chainId", where), addresses);
    }

    private static String describe(BlobSchedule blobs) {
        return "target " + blobs.target() + ", max " + blobs.max() + ", baseFeeUpdateFraction "
                + blobs.baseFeeUpdateFraction();
    }

    private static Set<Integer> range(int first, int last) {
        Set<Integer> set = new TreeSet<>();
        for (int i = first; i <= last; i++) {
            set.add(i);
        }
        return Set.copyOf(set);
    }

    private static Set<Integer> with(Set<Integer> set, int more) {
        Set<Integer> union = new TreeSet<>(set);
        union.add(more);
        return Set.copyOf(union);
    }
}
