package io.evmsim.worker.messaging;

import io.evmsim.common.simulation.RequestRecords;
import io.evmsim.common.simulation.SimulationJson;
import io.evmsim.common.simulation.SimulationRequest;
import io.evmsim.common.simulation.SimulationTopics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One request of a {@code simulation-requests} record, which holds one or, in format 2, several
 * ({@link RequestRecords}).
 *
 * @param record the record it came in
 * @param key the request's id as the record names it: the key of its results and of its dead letter
 * @param replyTo the gateway replica waiting for it
 * @param value its JSON, when it came alone or could not be read; null when {@code request} is read
 * @param request the request, already read from a record of several; null when {@code value} is still to be read
 * @param unreadable why the record cannot be read, or null
 */
record Delivery(ConsumerRecord<String, byte[]> record, String key, String replyTo, byte[] value,
        SimulationRequest request, String unreadable) {

    /** The requests of {@code record}, at least one (a record no one can read is one per id it names). */
    static List<Delivery> of(ConsumerRecord<String, byte[]> record) {
        String replyTo = header(record, SimulationTopics.REPLY_TO_HEADER);
        String format = header(record, RequestRecords.FORMAT);
        if (format == null) {
            return List.of(new Delivery(record, record.key(), replyTo, record.value(), null, null));
        }
        String unreadable;
        if (format.equals(RequestRecords.BATCH_FORMAT)) {
            try {
                SimulationRequest[] requests = SimulationJson.read(record.value(), SimulationRequest[].class);
                if (requests.length > 0) {
                    List<Delivery> deliveries = new ArrayList<>(requests.length);
                    for (SimulationRequest request : requests) {
                        deliveries.add(new Delivery(record, request.id(), request.replyTo(), null, request, null));
                    }
                    return deliveries;
                }
                unreadable = "unreadable request record: it holds no request";
            } catch (RuntimeException e) {
                unreadable = "unreadable request record: " + e.getMessage();
            }
        } else {
            unreadable = "unknown request record format " + format + " (this worker reads 1 and "
                    + RequestRecords.BATCH_FORMAT + ")";
        }
        // each client named gets its error, and each request a dead letter holding the record
        List<String> ids = RequestRecords.ids(record.headers().lastHeader(RequestRecords.IDS) == null ? null
                : record.headers().lastHeader(RequestRecords.IDS).value());
        List<Delivery> deliveries = new ArrayList<>();
        for (String id : ids.isEmpty() ? List.of(record.key()) : ids) {
            deliveries.add(new Delivery(record, id, replyTo, record.value(), null, unreadable));
        }
        return deliveries;
    }

    /** What its dead letter holds: the request's own JSON (the record's, when that cannot be read). */
    byte[] deadLetterValue() {
        return value != null ? value : SimulationJson.write(request);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
