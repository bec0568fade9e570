package io.evmsim.common.simulation;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How requests travel on {@code simulation-requests}. Format 1 (no {@link #FORMAT} header): the record's
 * value is one {@link SimulationRequest}'s JSON, keyed by its id. Format 2: requests that queued together
 * share one record, its value a JSON array of them (each request's JSON as it would be alone), keyed by
 * the first one's id, with every id in {@link #IDS} so that a record no one can read still gets each client
 * its error. A worker that does not know a record's format dead-letters it rather than misread it; a
 * gateway sends format 2 only when batching is on ({@code evmsim.kafka.max-requests-per-record} over 1),
 * so roll workers out first.
 */
public final class RequestRecords {
    /** The record's format; absent on format 1. */
    public static final String FORMAT = "evmsim-request-format";
    /** Format 2: the ids of the requests, in order, comma-separated. */
    public static final String IDS = "evmsim-request-ids";
    public static final String BATCH_FORMAT = "2";

    private RequestRecords() {
    }

    /** A format-2 value: the requests' JSON documents, as they are, in a JSON array. */
    public static byte[] batch(List<byte[]> requests) {
        int size = 1 + requests.size();
        for (byte[] request : requests) {
            size += request.length;
        }
        byte[] value = new byte[size];
        value[0] = '[';
        int at = 1;
        for (int i = 0; i < requests.size(); i++) {
            byte[] request = requests.get(i);
            System.arraycopy(request, 0, value, at, request.length);
            at += request.length;
            value[at++] = (byte) (i == requests.size() - 1 ? ']' : ',');
        }
        return value;
    }

    public static byte[] ids(List<String> ids) {
        return String.join(",", ids).getBytes(StandardCharsets.UTF_8);
    }

    /** The ids a format-2 record names; empty when the header is absent. */
    public static List<String> ids(byte[] header) {
        if (header == null || header.length == 0) {
            return List.of();
        }
        return List.of(new String(header, StandardCharsets.UTF_8).split(","));
    }
}
