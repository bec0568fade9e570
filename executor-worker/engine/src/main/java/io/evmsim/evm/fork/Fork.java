package io.evmsim.evm.fork;

/**
 * The hard forks the engine executes, in activation order. What each one changes is in
 * {@link Forks} (as {@link ForkRules}); this enum only names and orders them.
 */
public enum Fork {
    CANCUN("Cancun"),
    PRAGUE("Prague"),
    OSAKA("Osaka");

    private final String displayName;

    Fork(String displayName) {
        this.displayName = displayName;
    }

    /** The name the Ethereum test fixtures use, such as {@code Prague}. */
    public String displayName() {
        return displayName;
    }

    public boolean isAtLeast(Fork other) {
        return compareTo(other) >= 0;
    }

    /** The fork named as in the test fixtures, case-insensitively; null when the engine does not support it. */
    public static Fork byName(String name) {
        for (Fork fork : values()) {
            if (fork.displayName.equalsIgnoreCase(name)) {
                return fork;
            }
        }
        return null;
    }
}
