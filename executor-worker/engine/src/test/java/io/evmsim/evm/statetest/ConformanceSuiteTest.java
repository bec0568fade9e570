package io.evmsim.evm.statetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Ethereum state tests in {@code ../shared/conformance}, every case of every supported fork.
 * The fixtures are not part of the project: when the folder is absent the test is reported as
 * skipped with that reason, never as passed.
 */
class ConformanceSuiteTest {
    private static final Path SUITE = locateSuite();

    @Test
    void everyStateTestCasePasses() throws IOException {
        assumeTrue(SUITE != null, "../shared/conformance is absent: the Ethereum state tests were NOT run");
        StateTestParser parser = new StateTestParser(null);
        StateTestRunner runner = new StateTestRunner();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SUITE)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            List<StateTestCase> cases = new ArrayList<>();
            parser.parse(file, cases::add);
            for (StateTestCase testCase : cases) {
                String failure = runner.run(testCase, null);
                if (failure == null) {
                    passed++;
                } else {
                    failures.add(file.getFileName() + " " + testCase.name() + " " + testCase.rules().fork() + " "
                            + testCase.indexes() + ": " + failure);
                }
            }
        }
        System.out.println("conformance: " + passed + " passed, " + failures.size() + " failed");
        assertTrue(passed > 20_000, "the suite should hold more than 20,000 supported cases, ran " + passed);
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())),
                failures.size() + " conformance cases failed");
    }

    private static Path locateSuite() {
        for (Path candidate : List.of(Path.of("../../shared/conformance"), Path.of("../../../shared/conformance"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return null;
    }
}
