package io.evmsim.standalone.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.evmsim.common.types.Address;
import io.evmsim.standalone.TestPlatform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rpc-compat fixtures of execution-apis ({@code ../shared/reference/execution-apis-tests}, the
 * requests and geth's answers that hive replays against every client) for {@code eth_simulateV1},
 * {@code eth_call}, {@code eth_estimateGas} and {@code eth_createAccessList}, replayed against
 * {@code POST /rpc} (gateway, Kafka, worker, engine) on the fixtures' own chain ({@link HiveChain}:
 * their genesis schedule, chain id and allocation, and the hive chain's headers) and compared field
 * by field.
 *
 * <p>A fixture is comparable unless it touches an account the hive chain's blocks changed (its state
 * there is not the genesis allocation we serve); those are named with the account. Within a
 * comparable answer, the members left out are those computed over state we do not hold
 * ({@link #OVER_THE_HIVE_STATE}). The fixtures are not part of the project: when the folder is absent
 * the test is reported as skipped with that reason, never as passed.
 */
class ExecutionApisFixturesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> METHODS = List.of("eth_simulateV1", "eth_call", "eth_estimateGas",
            "eth_createAccessList");
    /**
     * A simulated block's state root follows from the hive chain's state after its 54 blocks, which we
     * do not hold (nor can a simulation on forked, partly fetched state compute one), so its hash, the
     * hashes that name it ({@code blockHash} of logs and transactions, {@code parentHash} of the
     * blocks after it) differ. {@code size} and {@code requestsHash} (EIP-7685) are members we do not
     * compute: the requests would take the EIP-7002 and EIP-7251 system calls, which the simulation
     * does not run.
     */
    private static final Set<String> OVER_THE_HIVE_STATE = Set.of("hash", "stateRoot", "blockHash", "size",
            "requestsHash");
    /** Fixtures that depend on the hive chain in a way their request text does not show. */
    private static final String PAYS_THE_FEE_RECIPIENT = "its SELFDESTRUCT pays 0x0000000000000000000000000000"
            + "000000000000, the hive chain's fee recipient, which exists there (no new-account gas) but not in"
            + " the genesis allocation";
    private static final String READS_A_SIMULATED_HASH = "reads BLOCKHASH of a simulated block, a hash over"
            + " the state root";
    private static final Map<String, String> IMPLICITLY_CHAIN_DEPENDENT = Map.of(
            "ethSimulate-add-more-non-defined-BlockStateCalls-than-fit-but-now-with-fit", READS_A_SIMULATED_HASH,
            "ethSimulate-blockhash-complex", READS_A_SIMULATED_HASH,
            "ethSimulate-blockhash-start-before-head", READS_A_SIMULATED_HASH,
            "ethSimulate-overwrite-existing-contract", READS_A_SIMULATED_HASH,
            "ethSimulate-empty-with-block-num-set-firstblock", "simulates on top of block 1, under Homestead, a fork this"
                    + " engine does not implement (our answer: -32602 naming the fork)",
            "ethSimulate-self-destructive-contract-produces-logs", PAYS_THE_FEE_RECIPIENT,
            "ethSimulate-use-as-many-features-as-possible", PAYS_THE_FEE_RECIPIENT + " (its block 0x44)");
    private static final Path FIXTURES = locate();

    private record Fixture(String name, String comment, String request, String response) {
    }

    @Test
    void everyComparableFixtureAnswersAsGeth() throws IOException, InterruptedException {
        assumeTrue(FIXTURES != null, "../shared/reference/execution-apis-tests is absent: the execution-apis"
                + " rpc-compat fixtures were NOT replayed");
        HiveChain chain = HiveChain.read(FIXTURES);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        try (TestPlatform platform = TestPlatform.start(new HiveChainStateCache(chain), "http://unused.invalid");
                HttpClient http = HttpClient.newHttpClient()) {
            URI rpc = URI.create("http://127.0.0.1:" + platform.gatewayPort() + "/rpc");
            for (String method : METHODS) {
                int passed = 0;
                List<String> failed = new ArrayList<>();
                List<String> notComparable = new ArrayList<>();
                for (Fixture fixture : fixtures(method)) {
                    String dependence = chainDependence(fixture, chain.changedByBlocks());
                    if (dependence != null) {
                        notComparable.add(fixture.name() + ": " + dependence);
                        continue;
                    }
                    JsonNode answer = JSON.readTree(http.send(HttpRequest.newBuilder(rpc)
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(fixture.request())).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    List<String> differences = JsonDifferences.between(
                            withoutSimulatedParents(JSON.readTree(fixture.response())), withoutSimulatedParents(answer),
                            OVER_THE_HIVE_STATE);
                    if (differences.isEmpty()) {
                        passed++;
                    } else {
                        failed.add(fixture.name() + ": " + String.join("; ", differences.subList(0,
                                Math.min(6, differences.size()))));
                    }
                }
                compared += passed + failed.size();
                System.out.println(method + ": " + passed + " passed, " + failed.size() + " failed, "
                        + notComparable.size() + " not comparable");
                failed.forEach(line -> System.out.println("  FAILED " + line));
                notComparable.forEach(line -> System.out.println("  not comparable " + line));
                failures.addAll(failed);
            }
        }
        assertTrue(compared > 0, "no fixture was comparable");
        assertEquals(List.of(), failures, failures.size() + " comparable fixtures differ from geth's answers");
    }

    /** Leaves out the parentHash of each simulated block after the first: its parent's hash is over a state root. */
    private static JsonNode withoutSimulatedParents(JsonNode answer) {
        JsonNode blocks = answer.get("result");
        if (blocks != null && blocks.isArray()) {
            for (int i = 1; i < blocks.size(); i++) {
                if (blocks.get(i).isObject()) {
                    ((ObjectNode) blocks.get(i)).remove("parentHash");
                }
            }
        }
        return answer;
    }

    /** Why a fixture's answer depends on the hive chain's state, or null when it does not. */
    private static String chainDependence(Fixture fixture, Set<Address> changedByBlocks) {
        String implicit = IMPLICITLY_CHAIN_DEPENDENT.get(fixture.name());
        if (implicit != null) {
            return implicit;
        }
        String request = fixture.request().toLowerCase(Locale.ROOT);
        List<String> touched = changedByBlocks.stream().map(Address::toString)
                .filter(address -> names(request, address)).toList();
        if (!touched.isEmpty()) {
            return "touches " + String.join(", ", touched) + ", changed by the hive chain's blocks";
        }
        return null;
    }

    /**
     * Whether the request names {@code address}: as a JSON string, or inside longer hex (calldata,
     * code, a storage word). The zero address is taken only as a string: forty zero digits inside
     * longer hex are as likely a zero word (a prevRandao, a storage key) as that account.
     */
    private static boolean names(String request, String address) {
        if (request.contains("\"" + address + "\"")) {
            return true;
        }
        return !address.equals(Address.ZERO.toString()) && request.contains(address.substring(2));
    }

    /** Each {@code .io} file's one exchange: {@code >>} the request, {@code <<} geth's answer. */
    private static List<Fixture> fixtures(String method) throws IOException {
        List<Fixture> fixtures = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES.resolve(method))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".io")).sorted().toList()) {
                StringBuilder comment = new StringBuilder();
                List<String> requests = new ArrayList<>();
                List<String> responses = new ArrayList<>();
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("//")) {
                        comment.append(line.substring(2).trim()).append(' ');
                    } else if (line.startsWith(">>")) {
                        requests.add(line.substring(2).trim());
                    } else if (line.startsWith("<<")) {
                        responses.add(line.substring(2).trim());
                    }
                }
                String name = file.getFileName().toString().replaceFirst("\\.io$", "");
                for (int i = 0; i < requests.size(); i++) {
                    fixtures.add(new Fixture(requests.size() == 1 ? name : name + "#" + (i + 1),
                            comment.toString().trim(), requests.get(i), responses.get(i)));
                }
            }
        }
        return fixtures;
    }

    private static Path locate() {
        for (String candidate : List.of("../../shared/reference/execution-apis-tests",
                "../shared/reference/execution-apis-tests")) {
            Path folder = Path.of(candidate);
            if (Files.isRegularFile(folder.resolve("genesis.json"))) {
                return folder.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
