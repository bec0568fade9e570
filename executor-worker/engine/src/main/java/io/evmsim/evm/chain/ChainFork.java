package io.evmsim.evm.chain;

import io.evmsim.evm.fork.Fork;

/**
 * Every fork a chain's schedule may name, in activation order, whether or not the engine implements
 * it: a block under a fork the engine does not run is recognised by name and refused rather than
 * simulated under other rules. Blob-parameter-only forks (EIP-7892's BPO1..BPO5) change only the
 * blob schedule; the EVM rules stay those of the named fork before them.
 */
public enum ChainFork {
    /** Blocks before the first fork a node's {@code eth_config} describes (it tells only from the current fork on). */
    UNDESCRIBED("an earlier fork the node did not describe", null, false),
    FRONTIER("Frontier", null, false),
    HOMESTEAD("Homestead", null, false),
    DAO("DAO", null, false),
    TANGERINE_WHISTLE("TangerineWhistle", null, false),
    SPURIOUS_DRAGON("SpuriousDragon", null, false),
    BYZANTIUM("Byzantium", null, false),
    CONSTANTINOPLE("Constantinople", null, false),
    PETERSBURG("Petersburg", null, false),
    ISTANBUL("Istanbul", null, false),
    MUIR_GLACIER("MuirGlacier", null, false),
    BERLIN("Berlin", null, false),
    LONDON("London", null, false),
    ARROW_GLACIER("ArrowGlacier", null, false),
    GRAY_GLACIER("GrayGlacier", null, false),
    PARIS("Paris", null, false),
    SHANGHAI("Shanghai", null, false),
    CANCUN("Cancun", Fork.CANCUN, false),
    PRAGUE("Prague", Fork.PRAGUE, false),
    OSAKA("Osaka", Fork.OSAKA, false),
    BPO1("BPO1", null, true),
    BPO2("BPO2", null, true),
    BPO3("BPO3", null, true),
    BPO4("BPO4", null, true),
    BPO5("BPO5", null, true),
    AMSTERDAM("Amsterdam", null, false),
    BOGOTA("Bogota", null, false),
    /** A fork a node's {@code eth_config} describes with precompiles no fork above has. */
    UNIDENTIFIED("an unidentified fork", null, false);

    private final String displayName;
    private final Fork engineFork;
    private final boolean blobParametersOnly;

    ChainFork(String displayName, Fork engineFork, boolean blobParametersOnly) {
        this.displayName = displayName;
        this.engineFork = engineFork;
        this.blobParametersOnly = blobParametersOnly;
    }

    /** The name clients and the test fixtures use, such as {@code Osaka} or {@code BPO2}. */
    public String displayName() {
        return displayName;
    }

    /** The engine's rules for this fork; null when the engine does not implement it (or it is a BPO fork). */
    public Fork engineFork() {
        return engineFork;
    }

    /** An EIP-7892 blob-parameter-only fork: only the blob schedule changes. */
    public boolean blobParametersOnly() {
        return blobParametersOnly;
    }

    /** The fork by its display name, case-insensitively; null when no fork has that name. */
    public static ChainFork byName(String name) {
        for (ChainFork fork : values()) {
            if (fork.displayName.equalsIgnoreCase(name)) {
                return fork;
            }
        }
        return null;
    }

    /** The implemented forks' names, for messages. */
    public static String implemented() {
        StringBuilder names = new StringBuilder();
        for (ChainFork fork : values()) {
            if (fork.engineFork != null) {
                names.append(names.isEmpty() ? "" : ", ").append(fork.displayName);
            }
        }
        return names.toString();
    }
}
