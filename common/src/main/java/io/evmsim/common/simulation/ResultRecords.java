package io.evmsim.common.simulation;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How a {@link SimulationEvent} travels on {@code simulation-results}: the key is the simulation id,
 * the value is the payload's JSON as the worker wrote it, and everything else rides in headers. A
 * reader sees a record's replica, kind and type without parsing anything, skips the records of other
 * replicas unread, and hands the payload on byte for byte (it is never escaped into an envelope).
 */
public final class ResultRecords {
    public static final String REPLY_TO = "evmsim-reply-to";
    public static final String SEQUENCE = "evmsim-sequence";
    public static final String TYPE = "evmsim-type";
    /** Present only on a transaction's result: its position in the request. */
    public static final String INDEX = "evmsim-index";
    public static final String OUTCOME = "evmsim-outcome";
    public static final String KIND = "evmsim-kind";
    public static final String SUBMITTED_AT = "evmsim-submitted-at";

    private ResultRecords() {
    }

    /** Writes the event's headers through {@code header}; the record's value is {@link #value}. */
    public static void writeHeaders(SimulationEvent event, BiConsumer<String, byte[]> header) {
        if (event.replyTo() != null) {
            header.accept(REPLY_TO, bytes(event.replyTo()));
        }
        header.accept(SEQUENCE, bytes(Integer.toString(event.sequence())));
        header.accept(TYPE, bytes(event.type().name()));
        if (event.index() != null) {
            header.accept(INDEX, bytes(event.index().toString()));
        }
        header.accept(OUTCOME, bytes(event.outcome()));
        header.accept(KIND, bytes(event.kind().name()));
        header.accept(SUBMITTED_AT, bytes(Long.toString(event.submittedAtMillis())));
    }

    public static byte[] value(SimulationEvent event) {
        return bytes(event.payload());
    }

    /** The replica a record is for, read from its headers alone; null when it names none. */
    public static String replyTo(Function<String, byte[]> header) {
        byte[] replyTo = header.apply(REPLY_TO);
        return replyTo == null ? null : text(replyTo);
    }

    /**
     * The event of a record with key {@code simulationId}, headers {@code header} (the last value of
     * a name, or null) and value {@code payload}.
     *
     * @throws IllegalArgumentException naming the header that is missing or malformed
     */
    public static SimulationEvent read(String simulationId, Function<String, byte[]> header, byte[] payload) {
        if (simulationId == null) {
            throw new IllegalArgumentException("the record has no key (simulation id)");
        }
        if (payload == null) {
            throw new IllegalArgumentException("the record has no value (payload)");
        }
        String document = text(payload);
        if (document.indexOf('\0') >= 0) { // never in JSON text, and a store could never take it
            throw new IllegalArgumentException("the record's value is not JSON text: it holds a NUL character");
        }
        Integer index = optional(header, INDEX) == null ? null : parsed(header, INDEX, Integer::valueOf);
        return new SimulationEvent(simulationId, replyTo(header), parsed(header, SEQUENCE, Integer::valueOf),
                parsed(header, TYPE, SimulationEvent.EventType::valueOf), index, parsed(header, OUTCOME, text -> text),
                document, parsed(header, KIND, SimulationKind::valueOf),
                parsed(header, SUBMITTED_AT, Long::valueOf));
    }

    private static <T> T parsed(Function<String, byte[]> header, String name, Function<String, T> parser) {
        String value = optional(header, name);
        if (value == null) {
            throw new IllegalArgumentException("the record has no " + name + " header");
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the record's " + name + " header is not valid: " + value, e);
        }
    }

    private static String optional(Function<String, byte[]> header, String name) {
        byte[] value = header.apply(name);
        return value == null ? null : text(value);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
