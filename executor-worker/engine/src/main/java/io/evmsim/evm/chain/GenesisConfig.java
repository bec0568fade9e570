package io.evmsim.evm.chain;

import io.evmsim.evm.fork.BlobSchedule;
import io.evmsim.evm.fork.ForkRules;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code config} member of a go-ethereum style genesis file (go-ethereum's
 * {@code params.ChainConfig}: {@code londonBlock}, {@code cancunTime}, {@code bpo1Time}, ...,
 * {@code blobSchedule}) into a {@link ChainSchedule}. A fork key this reader does not know is an
 * error, never ignored: a block under an unknown fork must not run under other rules.
 */
public final class GenesisConfig {
    /** Forks scheduled by block number; Paris went by total difficulty, and is named by the netsplit block. */
    private static final Map<String, ChainFork> BLOCK_KEYS = new LinkedHashMap<>();
    private static final Map<String, ChainFork> TIME_KEYS = new LinkedHashMap<>();

    static {
        BLOCK_KEYS.put("homesteadBlock", ChainFork.HOMESTEAD);
        BLOCK_KEYS.put("daoForkBlock", ChainFork.DAO);
        BLOCK_KEYS.put("eip150Block", ChainFork.TANGERINE_WHISTLE);
        BLOCK_KEYS.put("eip155Block", null); // EIP-155 and EIP-158 are Spurious Dragon, named by eip158Block
        BLOCK_KEYS.put("eip158Block", ChainFork.SPURIOUS_DRAGON);
        BLOCK_KEYS.put("byzantiumBlock", ChainFork.BYZANTIUM);
        BLOCK_KEYS.put("constantinopleBlock", ChainFork.CONSTANTINOPLE);
        BLOCK_KEYS.put("petersburgBlock", ChainFork.PETERSBURG);
        BLOCK_KEYS.put("istanbulBlock", ChainFork.ISTANBUL);
        BLOCK_KEYS.put("muirGlacierBlock", ChainFork.MUIR_GLACIER);
        BLOCK_KEYS.put("berlinBlock", ChainFork.BERLIN);
        BLOCK_KEYS.put("londonBlock", ChainFork.LONDON);
        BLOCK_KEYS.put("arrowGlacierBlock", ChainFork.ARROW_GLACIER);
        BLOCK_KEYS.put("grayGlacierBlock", ChainFork.GRAY_GLACIER);
        BLOCK_KEYS.put("mergeNetsplitBlock", ChainFork.PARIS);
        TIME_KEYS.put("shanghaiTime", ChainFork.SHANGHAI);
        TIME_KEYS.put("cancunTime", ChainFork.CANCUN);
        TIME_KEYS.put("pragueTime", ChainFork.PRAGUE);
        TIME_KEYS.put("osakaTime", ChainFork.OSAKA);
        TIME_KEYS.put("bpo1Time", ChainFork.BPO1);
        TIME_KEYS.put("bpo2Time", ChainFork.BPO2);
        TIME_KEYS.put("bpo3Time", ChainFork.BPO3);
        TIME_KEYS.put("bpo4Time", ChainFork.BPO4);
        TIME_KEYS.put("bpo5Time", ChainFork.BPO5);
        TIME_KEYS.put("amsterdamTime", ChainFork.AMSTERDAM);
        TIME_KEYS.put("bogotaTime", ChainFork.BOGOTA);
    }

    private GenesisConfig() {
    }

    /**
     * The schedule of a genesis {@code config} object.
     *
     * @param name what to call the chain in messages (the file's name, for instance)
     * @throws IllegalArgumentException naming the key at fault
     */
    public static ChainSchedule parse(JsonNode config, String name) {
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException(name + ": the genesis has no config object");
        }
        long chainId = number(config, "chainId", name);
        JsonNode blobs = config.get("blobSchedule");
        List<Activation> activations = new ArrayList<>();
        activations.add(Activation.atBlock(ChainFork.FRONTIER, 0));
        for (String key : config.propertyNames()) {
            if (key.endsWith("Block") && !BLOCK_KEYS.containsKey(key)
                    || key.endsWith("Time") && !TIME_KEYS.containsKey(key)) {
                throw new IllegalArgumentException(name + ": config." + key + " schedules a fork this engine does"
                        + " not know");
            }
        }
        BLOCK_KEYS.forEach((key, fork) -> {
            if (fork != null && present(config, key)) {
                activations.add(Activation.atBlock(fork, number(config, key, name)));
            }
        });
        JsonNode totalDifficulty = config.get("terminalTotalDifficulty");
        if (!present(config, "mergeNetsplitBlock") && totalDifficulty != null && totalDifficulty.isNumber()
                && totalDifficulty.bigIntegerValue().signum() == 0) {
            activations.add(Activation.atBlock(ChainFork.PARIS, 0)); // proof of stake from genesis
        }
        TIME_KEYS.forEach((key, fork) -> {
            if (present(config, key)) {
                activations.add(new Activation(fork, true, number(config, key, name), blobSchedule(blobs, fork,
                        name)));
            }
        });
        activations.sort((a, b) -> a.fork().compareTo(b.fork()));
        if (activations.size() > 1 && activations.get(1).at() == 0 && !activations.get(1).byTimestamp()) {
            activations.removeFirst(); // Frontier only named blocks before the first block fork
        }
        return new ChainSchedule(chainId, name, activations);
    }

    /**
     * A fork's blob schedule: its {@code blobSchedule} entry; Cancun and Prague without one take
     * their EIPs' (as go-ethereum requires an entry for them, a file without one means the defaults).
     */
    private static BlobSchedule blobSchedule(JsonNode blobs, ChainFork fork, String name) {
        JsonNode entry = blobs == null ? null : blobs.get(fork.displayName().toLowerCase(Locale.ROOT));
        if (entry == null || entry.isNull()) {
            return fork == ChainFork.CANCUN || fork == ChainFork.PRAGUE
                    ? ForkRules.forFork(fork.engineFork()).blobSchedule() : null;
        }
        String path = name + ": config.blobSchedule." + fork.displayName().toLowerCase(Locale.ROOT);
        return new BlobSchedule((int) number(entry, "target", path), (int) number(entry, "max", path),
                number(entry, "baseFeeUpdateFraction", path));
    }

    private static boolean present(JsonNode node, String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** A JSON number or a 0x-hex or decimal string that fits an unsigned 64-bit value. */
    static long number(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": " + key + " is required");
        }
        try {
            BigInteger parsed;
            if (value.isIntegralNumber()) {
                parsed = value.bigIntegerValue();
            } else if (value.isString() && value.asString().startsWith("0x")) {
                parsed = new BigInteger(value.asString().substring(2), 16);
            } else if (value.isString()) {
                parsed = new BigInteger(value.asString());
            } else {
                throw new NumberFormatException();
            }
            if (parsed.signum() < 0 || parsed.bitLength() > 64) {
                throw new NumberFormatException();
            }
            return parsed.longValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + " is not an unsigned 64-bit number: " + value);
        }
    }
}
