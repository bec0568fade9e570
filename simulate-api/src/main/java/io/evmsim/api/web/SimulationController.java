package io.evmsim.api.web;

import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.simulation.SimulationService.Answer;
import io.evmsim.api.simulation.SimulationService.Submitted;
import io.evmsim.common.simulation.SimulationKind;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The HTTP face of {@link SimulationService}: reads bodies, picks JSON or server-sent events. */
@RestController
public class SimulationController {
    private final SimulationService simulations;
    private final SimulationStreams streams;
    private final int maxBodyBytes;

    public SimulationController(SimulationService simulations, SimulationStreams streams,
            io.evmsim.api.simulation.SimulationLimits limits) {
        this.simulations = simulations;
        this.streams = streams;
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    @PostMapping({"/v1/simulate", "/simulate"})
    public ResponseEntity<String> simulate(HttpServletRequest request) throws IOException, InterruptedException {
        Submitted submitted = simulations.submit(body(request), SimulationKind.SINGLE);
        return answer(submitted);
    }

    /** The stream's {@code Location} names the simulation, to fetch it again (or learn it was cancelled). */
    @PostMapping(path = "/v1/simulate/bundle", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> bundleStream(HttpServletRequest request) throws IOException {
        Submitted submitted = simulations.submit(body(request), SimulationKind.BUNDLE);
        submitted.published(); // a refusal is still an HTTP error, before the stream starts
        return ResponseEntity.ok().location(URI.create("/v1/simulations/" + submitted.id()))
                .body(streams.live(submitted));
    }

    @PostMapping("/v1/simulate/bundle")
    public ResponseEntity<String> bundle(HttpServletRequest request) throws IOException, InterruptedException {
        return answer(simulations.submit(body(request), SimulationKind.BUNDLE));
    }

    @GetMapping("/v1/simulations/{id}")
    public ResponseEntity<String> find(@PathVariable("id") String id) {
        return simulations.find(id).map(SimulationController::json)
                .orElseGet(() -> json(new Answer(404, "{\"error\":\"no simulation " + quoteSafe(id) + "\"}")));
    }

    @GetMapping(path = "/v1/simulations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> events(@PathVariable("id") String id) {
        if (!simulations.exists(id)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(streams.stored(id));
    }

    private ResponseEntity<String> answer(Submitted submitted) throws InterruptedException {
        return simulations.awaitResult(submitted).map(SimulationController::json)
                .orElseGet(() -> ResponseEntity.accepted().location(URI.create("/v1/simulations/" + submitted.id()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(simulations.find(submitted.id()).orElseThrow().json()));
    }

    /** Reads at most one byte more than allowed, so an oversized body is refused without buffering it. */
    private byte[] body(HttpServletRequest request) throws IOException {
        return request.getInputStream().readNBytes(maxBodyBytes + 1);
    }

    private static ResponseEntity<String> json(Answer answer) {
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.json());
    }

    private static String quoteSafe(String id) {
        return id.replaceAll("[^0-9a-zA-Z-]", "?");
    }
}
