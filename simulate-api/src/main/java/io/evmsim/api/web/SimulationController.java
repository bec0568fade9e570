package io.evmsim.api.web;

import io.evmsim.api.problem.ApiProblem;
import io.evmsim.api.problem.ProblemException;
import io.evmsim.api.simulation.SimulationLimits;
import io.evmsim.api.simulation.SimulationService;
import io.evmsim.api.simulation.SimulationService.Answer;
import io.evmsim.api.simulation.SimulationService.Submitted;
import io.evmsim.common.simulation.SimulationKind;
import jakarta.servlet.http.HttpServletRequest;
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

    public SimulationController(SimulationService simulations, SimulationStreams streams, SimulationLimits limits) {
        this.simulations = simulations;
        this.streams = streams;
        this.maxBodyBytes = limits.maxBodyBytes();
    }

    @PostMapping({"/v1/simulate", "/simulate"})
    public ResponseEntity<String> simulate(HttpServletRequest request) throws InterruptedException {
        Submitted submitted = simulations.submit(body(request), SimulationKind.SINGLE);
        return answer(submitted, request);
    }

    /** The stream's {@code Location} names the simulation, to fetch it again (or learn it was cancelled). */
    @PostMapping(path = "/v1/simulate/bundle", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public ResponseEntity<SseEmitter> bundleStream(HttpServletRequest request) {
        byte[] body = body(request);
        SimulationStreams.LiveStream stream = streams.live(request.getRemoteAddr(), () -> {
            Submitted submitted = simulations.submit(body, SimulationKind.BUNDLE);
            submitted.published(); // a refusal is still an HTTP error, before the stream starts
            return submitted;
        });
        return ResponseEntity.ok().location(URI.create("/v1/simulations/" + stream.id())).body(stream.emitter());
    }

    @PostMapping("/v1/simulate/bundle")
    public ResponseEntity<String> bundle(HttpServletRequest request) throws InterruptedException {
        return answer(simulations.submit(body(request), SimulationKind.BUNDLE), request);
    }

    @GetMapping("/v1/simulations/{id}")
    public ResponseEntity<String> find(@PathVariable("id") String id) {
        return json(simulations.find(id).orElseThrow(() -> notFound(id)));
    }

    /**
     * The witness kept with a finished simulation asked with {@code "witness": true}: 404 when the simulation is
     * unknown (to this key) or kept none.
     */
    @GetMapping("/v1/simulations/{id}/witness")
    public ResponseEntity<String> witness(@PathVariable("id") String id) {
        if (!simulations.exists(id)) {
            throw notFound(id);
        }
        String witness = simulations.witness(id).orElseThrow(() -> new ProblemException(ApiProblem.NOT_FOUND, null,
                "simulation " + id + " kept no witness: it is not finished, failed, or was not asked with"
                        + " \"witness\": true"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(witness);
    }

    @GetMapping(path = "/v1/simulations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events(@PathVariable("id") String id, HttpServletRequest request) {
        return streams.stored(request.getRemoteAddr(), id);
    }

    private ResponseEntity<String> answer(Submitted submitted, HttpServletRequest request)
            throws InterruptedException {
        return simulations.awaitResult(submitted, ClientConnectionValve.presence(request))
                .map(SimulationController::json)
                .orElseGet(() -> ResponseEntity.accepted().location(URI.create("/v1/simulations/" + submitted.id()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(simulations.find(submitted.id()).orElseThrow().json()));
    }

    private byte[] body(HttpServletRequest request) {
        return RequestBodies.readJson(request, maxBodyBytes);
    }

    /** An answer of 400 or more is a problem document. */
    private static ResponseEntity<String> json(Answer answer) {
        return ResponseEntity.status(answer.status())
                .contentType(answer.status() >= 400 ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .body(answer.json());
    }

    static ProblemException notFound(String id) {
        return new ProblemException(ApiProblem.SIMULATION_NOT_FOUND, null, "no simulation " + id);
    }
}
