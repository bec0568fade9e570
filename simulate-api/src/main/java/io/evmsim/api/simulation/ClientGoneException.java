package io.evmsim.api.simulation;

/** The client closed its connection while waiting: its simulation was cancelled, nobody is left to answer. */
public final class ClientGoneException extends RuntimeException {
    private final String simulationId;

    ClientGoneException(String simulationId) {
        super("cancelled: the client closed its connection before simulation " + simulationId + " finished");
        this.simulationId = simulationId;
    }

    public String simulationId() {
        return simulationId;
    }
}
