package io.evmsim.evm.fork;

import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The value of every {@link GasCost} in one fork: immutable, and changed by a later fork with
 * {@link #with}. The costs sit in an array indexed by the constant's ordinal, so reading one on
 * an instruction's path is a single load.
 */
public final class GasSchedule {
    private static final GasCost[] COSTS = GasCost.values();

    private final long[] costs;

    private GasSchedule(long[] costs) {
        this.costs = costs;
    }

    /** A schedule that names every cost; a cost left out is an error, never a silent zero. */
    public static GasSchedule of(Map<GasCost, Long> values) {
        long[] costs = new long[COSTS.length];
        for (GasCost cost : COSTS) {
            Long value = values.get(cost);
            if (value == null) {
                throw new IllegalArgumentException("gas schedule without " + cost);
            }
            costs[cost.ordinal()] = checked(cost, value);
        }
        return new GasSchedule(costs);
    }

    public long cost(GasCost cost) {
        return costs[cost.ordinal()];
    }

    /** This schedule with one cost repriced. */
    public GasSchedule with(GasCost cost, long value) {
        long[] changed = costs.clone();
        changed[cost.ordinal()] = checked(cost, value);
        return new GasSchedule(changed);
    }

    private static long checked(GasCost cost, long value) {
        boolean divisor = cost == GasCost.MEMORY_QUADRATIC_DIVISOR || cost == GasCost.REFUND_QUOTIENT;
        if (value < 0 || (divisor && value == 0)) {
            throw new IllegalArgumentException(cost + " cannot be " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GasSchedule schedule && Arrays.equals(costs, schedule.costs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(costs);
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "GasSchedule[", "]");
        for (GasCost cost : COSTS) {
            text.add(cost + "=" + costs[cost.ordinal()]);
        }
        return text.toString();
    }
}
