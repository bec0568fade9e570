package io.evmsim.evm.fork;

import static io.evmsim.evm.fork.GasCost.*;
import static io.evmsim.evm.opcode.Opcodes.*;
import static java.util.Map.entry;

import io.evmsim.common.types.Address;
import io.evmsim.evm.opcode.InstructionSet;
import io.evmsim.evm.precompile.Blake2F;
import io.evmsim.evm.precompile.EcRecover;
import io.evmsim.evm.precompile.Identity;
import io.evmsim.evm.precompile.KzgPointEvaluation;
import io.evmsim.evm.precompile.ModExp;
import io.evmsim.evm.precompile.P256Verify;
import io.evmsim.evm.precompile.Precompile;
import io.evmsim.evm.precompile.Ripemd160;
import io.evmsim.evm.precompile.Sha256;
import io.evmsim.evm.precompile.bls12381.Bls12G1Add;
import io.evmsim.evm.precompile.bls12381.Bls12G1Msm;
import io.evmsim.evm.precompile.bls12381.Bls12G2Add;
import io.evmsim.evm.precompile.bls12381.Bls12G2Msm;
import io.evmsim.evm.precompile.bls12381.Bls12MapFp2ToG2;
import io.evmsim.evm.precompile.bls12381.Bls12MapFpToG1;
import io.evmsim.evm.precompile.bls12381.Bls12PairingCheck;
import io.evmsim.evm.precompile.bn254.Bn254Add;
import io.evmsim.evm.precompile.bn254.Bn254Mul;
import io.evmsim.evm.precompile.bn254.Bn254Pairing;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forks the engine executes, each written as its predecessor plus one delta per EIP, as
 * go-ethereum's jump tables and evmone's per-revision tables are: opcodes (with their static gas),
 * precompiles (with their pricing), gas constants, transaction rules and the default blob
 * parameters. A fork that reprices an operation adds one line here, citing its EIP; nothing else
 * in the engine names a fork.
 */
final class Forks {
    /** Shanghai's gas constants, the base the supported forks reprice. */
    private static final GasSchedule SHANGHAI_GAS = GasSchedule.of(Map.ofEntries(
            entry(TX_BASE, 21_000L),
            entry(TX_CREATE, 32_000L),
            entry(TX_DATA_ZERO_BYTE, 4L),
            entry(TX_DATA_NONZERO_BYTE, 16L), // EIP-2028
            entry(CALLDATA_FLOOR_PER_TOKEN, 0L), // no floor before Prague (EIP-7623)
            entry(ACCESS_LIST_ADDRESS, 2_400L), // EIP-2930
            entry(ACCESS_LIST_STORAGE_KEY, 1_900L), // EIP-2930
            entry(INITCODE_WORD, 2L), // EIP-3860
            entry(AUTH_PER_EMPTY_ACCOUNT, 0L), // no authorizations before Prague (EIP-7702)
            entry(AUTH_BASE, 0L),
            entry(REFUND_QUOTIENT, 5L), // EIP-3529
            entry(WARM_ACCOUNT_ACCESS, 100L), // EIP-2929
            entry(COLD_ACCOUNT_ACCESS, 2_600L), // EIP-2929
            entry(WARM_STORAGE_READ, 100L), // EIP-2929
            entry(COLD_SLOAD, 2_100L), // EIP-2929
            entry(SSTORE_SET, 20_000L), // EIP-2200
            entry(SSTORE_RESET, 5_000L - 2_100L), // EIP-2929: SSTORE_RESET_GAS - COLD_SLOAD_COST
            entry(SSTORE_CLEARS_REFUND, 4_800L), // EIP-3529
            entry(SSTORE_SENTRY, 2_300L), // EIP-2200
            entry(CALL_VALUE, 9_000L),
            entry(CALL_STIPEND, 2_300L),
            entry(NEW_ACCOUNT, 25_000L),
            entry(CODE_DEPOSIT_BYTE, 200L),
            entry(MEMORY_WORD, 3L),
            entry(MEMORY_QUADRATIC_DIVISOR, 512L),
            entry(COPY_WORD, 3L),
            entry(KECCAK_WORD, 6L),
            entry(LOG_TOPIC, 375L),
            entry(LOG_DATA_BYTE, 8L),
            entry(EXP_BYTE, 50L))); // EIP-160

    static final ForkRules CANCUN = new ForkRules(Fork.CANCUN,
            InstructionSet.shanghai(), // through PUSH0 (EIP-3855)
            shanghaiPrecompiles(),
            SHANGHAI_GAS,
            false, // no set-code transactions
            false, // no calldata floor
            Long.MAX_VALUE, // no transaction gas cap
            Integer.MAX_VALUE, // no per-transaction blob cap
            24_576, // EIP-170 MAX_CODE_SIZE
            49_152, // EIP-3860 MAX_INITCODE_SIZE
            new BlobSchedule(3, 6, 3_338_477)) // EIP-4844
            .withOpcode(TLOAD, 100).withOpcode(TSTORE, 100) // EIP-1153: WARM_STORAGE_READ_COST
            .withOpcode(MCOPY, 3) // EIP-5656
            .withOpcode(BLOBHASH, 3) // EIP-4844 HASH_OPCODE_GAS
            .withOpcode(BLOBBASEFEE, 2) // EIP-7516
            .withPrecompile(0x0a, new KzgPointEvaluation()); // EIP-4844

    static final ForkRules PRAGUE = CANCUN.next(Fork.PRAGUE)
            .withSetCodeTransactions() // EIP-7702
            .withGas(AUTH_PER_EMPTY_ACCOUNT, 25_000) // EIP-7702 PER_EMPTY_ACCOUNT_COST
            .withGas(AUTH_BASE, 12_500) // EIP-7702 PER_AUTH_BASE_COST
            .withCalldataFloor().withGas(CALLDATA_FLOOR_PER_TOKEN, 10) // EIP-7623
            .withPrecompile(0x0b, new Bls12G1Add()) // EIP-2537, 0x0b to 0x11
            .withPrecompile(0x0c, new Bls12G1Msm())
            .withPrecompile(0x0d, new Bls12G2Add())
            .withPrecompile(0x0e, new Bls12G2Msm())
            .withPrecompile(0x0f, new Bls12PairingCheck())
            .withPrecompile(0x10, new Bls12MapFpToG1())
            .withPrecompile(0x11, new Bls12MapFp2ToG2())
            .withBlobSchedule(new BlobSchedule(6, 9, 5_007_716)); // EIP-7691

    static final ForkRules OSAKA = PRAGUE.next(Fork.OSAKA)
            .withOpcode(CLZ, 5) // EIP-7939
            .withPrecompile(0x05, new ModExp(ModExp.Pricing.EIP_7883, // EIP-7883
                    ModExp.LengthLimit.EIP_7823)) // EIP-7823
            .withPrecompile(0x100, new P256Verify()) // EIP-7951
            .withTransactionGasCap(1L << 24) // EIP-7825
            .withMaxBlobsPerTransaction(6); // EIP-7594
    // Osaka keeps Prague's blob parameters; the blob-parameter-only forks after it (EIP-7892) are
    // a chain's schedule, applied with ForkRules.withBlobSchedule.

    private Forks() {
    }

    static ForkRules rules(Fork fork) {
        return switch (fork) {
            case CANCUN -> CANCUN;
            case PRAGUE -> PRAGUE;
            case OSAKA -> OSAKA;
        };
    }

    /**
     * 0x01 to 0x09: Frontier's four, Byzantium's ModExp and BN254 (at Berlin's EIP-2565 and
     * Istanbul's EIP-1108 prices) and Istanbul's BLAKE2F.
     */
    private static Map<Address, Precompile> shanghaiPrecompiles() {
        Map<Address, Precompile> set = new LinkedHashMap<>();
        set.put(Address.fromLong(0x01), new EcRecover());
        set.put(Address.fromLong(0x02), new Sha256());
        set.put(Address.fromLong(0x03), new Ripemd160());
        set.put(Address.fromLong(0x04), new Identity());
        set.put(Address.fromLong(0x05), new ModExp(ModExp.Pricing.EIP_2565, ModExp.LengthLimit.NONE)); // EIP-198
        set.put(Address.fromLong(0x06), new Bn254Add()); // EIP-196
        set.put(Address.fromLong(0x07), new Bn254Mul()); // EIP-196
        set.put(Address.fromLong(0x08), new Bn254Pairing()); // EIP-197
        set.put(Address.fromLong(0x09), new Blake2F(1)); // EIP-152: 1 per round
        return Collections.unmodifiableMap(set);
    }
}
