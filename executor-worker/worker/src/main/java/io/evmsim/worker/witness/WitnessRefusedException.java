package io.evmsim.worker.witness;

/** A witness that fails a check (a header's hash or link, a proof, a missing part): replay refuses it. */
public class WitnessRefusedException extends RuntimeException {
    public WitnessRefusedException(String message) {
        super(message);
    }
}
