package io.evmsim.common.simulation;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How a {@link SimulationEvent} travels on {@code simulation-results}: the key is the simulation id,
 * the value is the payload's JSON as the worker wrote it, and everything else rides in headers. A
 * reader sees a record's replica, kind and type without parsing anything, skips the records of other
 * replicas unread, and hands the payload on byte for byte (it is never escaped into an envelope).
 *
 * <p>A payload larger than one record may be ({@code max.request.size} of the producer, the topic's
 * {@code max.message.bytes}: 1 MB by default, and the producer checks the uncompressed size whatever its
 * {@code compression.type}) travels in several records, its {@link Part parts}: each with the event's
 * headers and the part's set, index and count, cut between UTF-8 characters so that each part is text.
 * The readers join a set's parts into the event ({@code simulation-results} keeps one simulation's
 * records on one partition, in order); a redelivered request publishes a new set, so parts of two runs
 * of the same result never mix, and the first set completed wins as a whole record would.
 *
 * <p>Under load, the results bound for one gateway replica and partition share a record: format 2
 * ({@link #FORMAT} header), its value the records as each would have travelled alone ({@link #batch}),
 * each payload still byte for byte; a part never shares a record. A reader that does not know a
 * record's format skips it as unreadable rather than misread it.
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
    /** On each part of a payload in several records: the publication it belongs to, unique per set. */
    public static final String PART_SET = "evmsim-part-set";
    public static final String PART_INDEX = "evmsim-part-index";
    public static final String PART_COUNT = "evmsim-part-count";

    /** The record's format; absent on format 1 (one event, its payload the value). */
    public static final String FORMAT = "evmsim-result-format";
    /** Several records' keys, headers and values in one value ({@link #batch}). */
    public static final String BATCH_FORMAT = "2";

    /**
     * One record of a format-2 record, as it would have travelled alone.
     *
     * @param headers its headers by name (one value each)
     */
    public record Batched(String key, Map<String, byte[]> headers, byte[] value) {
        /** What a record alone would take in a batch: its bytes and their lengths. */
        public int size() {
            int size = 8 + bytes(key).length + 4 + value.length;
            for (Map.Entry<String, byte[]> header : headers.entrySet()) {
                size += 8 + bytes(header.getKey()).length + header.getValue().length;
            }
            return size;
        }
    }

    /**
     * A format-2 value: the count, then per record its key, its headers (count, then name and value) and
     * its value, each a 4-byte length and the bytes.
     */
    public static byte[] batch(List<Batched> records) {
        int size = 4;
        for (Batched record : records) {
            size += record.size();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(records.size());
        for (Batched record : records) {
            put(out, bytes(record.key()));
            out.putInt(record.headers().size());
            record.headers().forEach((name, value) -> {
                put(out, bytes(name));
                put(out, value);
            });
            put(out, record.value());
        }
        return out.array();
    }

    /**
     * The records of a format-2 value.
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static List<Batched> unbatch(byte[] value) {
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            int count = in.getInt();
            List<Batched> records = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                String key = text(take(in));
                int headers = in.getInt();
                Map<String, byte[]> named = new LinkedHashMap<>();
                for (int h = 0; h < headers; h++) {
                    named.put(text(take(in)), take(in));
                }
                records.add(new Batched(key, named, take(in)));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("the record's value has " + in.remaining() + " bytes after its "
                        + count + " records");
            }
            return records;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("the record's value is not a batch of result records: it ends early");
        }
    }

    private static void put(ByteBuffer out, byte[] bytes) {
        out.putInt(bytes.length);
        out.put(bytes);
    }

    private static byte[] take(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /**
     * One record's share of a payload published in several records.
     *
     * @param set the same for every part of one publication, different for any other
     * @param index 0, 1, ... in payload order
     * @param count the parts of the set (at least 2)
     */
    public record Part(String set, int index, int count) {
        public Part {
            if (set == null || set.isEmpty() || count < 2 || index < 0 || index >= count) {
                throw new IllegalArgumentException("not a part of a set: " + set + " " + index + "/" + count);
            }
        }
    }

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

    /**
     * {@code value} cut into pieces of at most {@code maxBytes}, each ending before a UTF-8 character
     * starts (never inside one), so that every piece is text; {@code value} itself when it fits.
     */
    public static List<byte[]> pieces(byte[] value, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("a piece must hold a UTF-8 character of 4 bytes: " + maxBytes);
        }
        if (value.length <= maxBytes) {
            return List.of(value);
        }
        List<byte[]> pieces = new ArrayList<>(value.length / maxBytes + 2);
        for (int from = 0; from < value.length; ) {
            int to = Math.min(value.length, from + maxBytes);
            while (to < value.length && (value[to] & 0xC0) == 0x80) { // a continuation byte: inside a character
                to--;
            }
            pieces.add(Arrays.copyOfRange(value, from, to));
            from = to;
        }
        return pieces;
    }

    /** Writes the headers naming {@code part}, beside the event's own ({@link #writeHeaders}). */
    public static void writePart(Part part, BiConsumer<String, byte[]> header) {
        header.accept(PART_SET, bytes(part.set()));
        header.accept(PART_INDEX, bytes(Integer.toString(part.index())));
        header.accept(PART_COUNT, bytes(Integer.toString(part.count())));
    }

    /**
     * The part a record carries, from its headers; null for a record holding its whole payload.
     *
     * @throws IllegalArgumentException naming the part header that is missing or malformed
     */
    public static Part part(Function<String, byte[]> header) {
        String set = optional(header, PART_SET);
        if (set == null) {
            return null;
        }
        int index = parsed(header, PART_INDEX, Integer::valueOf);
        int count = parsed(header, PART_COUNT, Integer::valueOf);
        return new Part(set, index, count);
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
