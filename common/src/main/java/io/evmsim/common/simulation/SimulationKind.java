package io.evmsim.common.simulation;

/** One transaction, or an ordered bundle of them on one state. */
public enum SimulationKind {
    SINGLE,
    BUNDLE;

    /** The value of the {@code kind} metric tag. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
