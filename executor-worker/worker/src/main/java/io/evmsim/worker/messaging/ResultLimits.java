package io.evmsim.worker.messaging;

/**
 * How large a simulation's results may be, and how they travel.
 *
 * @param maxResultBytes the JSON of a simulation's results together (a bundle's transactions and summary,
 *     a JSON-RPC answer), at most; past it the client gets {@code RESULT_TOO_LARGE} naming both sizes
 * @param maxRecordBytes a result record's value, at most: a larger result travels in parts of this size
 *     ({@link io.evmsim.common.simulation.ResultRecords.Part}); below the producer's {@code max.request.size}
 *     and the topic's {@code max.message.bytes} (1 MB by default) with room for the headers
 * @param maxResultsPerRecord the most results that share one record under load ({@link ResultLanes}); 1 sends
 *     each alone
 */
public record ResultLimits(long maxResultBytes, int maxRecordBytes, int maxResultsPerRecord) {
    public ResultLimits {
        if (maxRecordBytes < 1024 || maxResultBytes < maxRecordBytes) {
            throw new IllegalArgumentException("result limits need 1 KB <= record size <= result size, got "
                    + maxRecordBytes + " and " + maxResultBytes + " bytes");
        }
        if (maxResultsPerRecord < 1) {
            throw new IllegalArgumentException("at least one result per record: " + maxResultsPerRecord);
        }
    }

    /** Each result in a record of its own. */
    public ResultLimits(long maxResultBytes, int maxRecordBytes) {
        this(maxResultBytes, maxRecordBytes, 1);
    }
}
