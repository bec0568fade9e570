package io.evmsim.evm.statetest;

import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.rlp.Rlp;
import io.evmsim.common.types.Hash;
import io.evmsim.evm.state.CodeCache;
import io.evmsim.evm.state.InMemoryWorldState;
import io.evmsim.evm.state.JournaledState;
import io.evmsim.evm.state.Log;
import io.evmsim.evm.trace.ExecutionTracer;
import io.evmsim.evm.transaction.TransactionProcessor;
import io.evmsim.evm.transaction.TransactionResult;
import java.util.ArrayList;
import java.util.List;

/** Runs one state-test case and compares the post-state root, the logs hash and the expected rejection. */
public final class StateTestRunner {
    private final CodeCache codeCache = new CodeCache(10_000);

    /** Null when the case passes, else what differs. */
    public String run(StateTestCase testCase, ExecutionTracer tracer) {
        InMemoryWorldState world = testCase.preState().get();
        if (testCase.transaction() == null) {
            if (testCase.expectedException() == null) {
                return "transaction cannot be built: " + testCase.unbuildable();
            }
            Hash root = world.stateRoot();
            return root.equals(testCase.expectedRoot()) ? null
                    : "pre-state root " + root + ", expected " + testCase.expectedRoot();
        }
        JournaledState state = new JournaledState(world, codeCache);
        TransactionResult result = new TransactionProcessor(testCase.rules()).execute(state, testCase.block(),
                testCase.transaction(), tracer);
        if (testCase.expectedException() != null && result.isValid()) {
            return "expected rejection " + testCase.expectedException() + " but the transaction executed";
        }
        if (testCase.expectedException() == null && !result.isValid()) {
            return "transaction rejected: " + result.invalid().description();
        }
        world.apply(state);
        Hash root = world.stateRoot();
        Hash logsHash = logsHash(result.logs());
        if (!root.equals(testCase.expectedRoot())) {
            return "state root " + root + ", expected " + testCase.expectedRoot() + describe(result);
        }
        if (!logsHash.equals(testCase.expectedLogsHash())) {
            return "logs hash " + logsHash + ", expected " + testCase.expectedLogsHash() + describe(result);
        }
        return null;
    }

    private static String describe(TransactionResult result) {
        String outcome = !result.isValid() ? "invalid (" + result.invalid().description() + ")"
                : result.halt() != null ? "halted (" + result.halt().description() + ")"
                : result.reverted() ? "reverted" : "success";
        return " [" + outcome + ", gas used " + result.gasUsed() + "]";
    }

    /** keccak256(rlp([[address, [topics...], data], ...])). */
    public static Hash logsHash(List<Log> logs) {
        List<byte[]> encoded = new ArrayList<>(logs.size());
        for (Log log : logs) {
            List<byte[]> topics = new ArrayList<>();
            for (Hash topic : log.topics()) {
                topics.add(Rlp.encodeHash(topic));
            }
            encoded.add(Rlp.encodeList(Rlp.encodeAddress(log.address()), Rlp.encodeList(topics),
                    Rlp.encodeBytes(log.data())));
        }
        return Keccak.hash(Rlp.encodeList(encoded));
    }
}
