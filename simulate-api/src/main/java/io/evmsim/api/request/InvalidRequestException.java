package io.evmsim.api.request;

/** A request the gateway refuses, naming the field (a JSON path such as {@code transactions[1].gas}). */
public class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
