package io.evmsim.evm.cli;

import io.evmsim.common.bytes.Hex;
import io.evmsim.common.crypto.Keccak;
import io.evmsim.common.crypto.Secp256k1;
import io.evmsim.common.types.Address;
import io.evmsim.evm.fork.Fork;
import io.evmsim.evm.fork.ForkRules;
import io.evmsim.evm.precompile.Precompile;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code evm precompiles [--runs N]}: microseconds per call of the costly precompiles on valid
 * inputs built here (signatures signed afresh, pairings of generators that must check true), after
 * a JIT warm-up. Each output is checked, so a figure is never that of a failing call. The minimum
 * of the runs is printed beside the median: on a shared machine it is the figure least disturbed by
 * other work, and the load average is printed with the table for the same reason.
 */
final class PrecompileBenchCommand {
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final BigInteger BN254_P = new BigInteger(
            "21888242871839275222246405745257275088696311157297823662689037894645226208583");
    private static final String BN254_G2 = word("11559732032986387107991004021392285783925812861821192530917403151452391805634")
            + word("10857046999023057135944570762232829481370756359578518086990519993285655852781")
            + word("4082367875863433681332203403145435568316851327593401208105741076214120093531")
            + word("8495653923123431417604973247489272438418190587263600148770280649306958101930");
    private static final BigInteger BLS_P = new BigInteger("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241"
            + "eabfffeb153ffffb9feffffffffaaab", 16);
    private static final String BLS_G1_X = "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1ae"
            + "ffb3af00adb22c6bb";
    private static final String BLS_G1_Y = "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae"
            + "40caa232946c5e7e1";
    private static final String BLS_G2 = fp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbe"
            + "fd48056c8c121bdb8")
            + fp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")
            + fp("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801")
            + fp("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be");

    private PrecompileBenchCommand() {
    }

    static int run(List<String> args, PrintStream out) throws GeneralSecurityException {
        int runs = args.size() == 2 && args.get(0).equals("--runs") ? Integer.parseInt(args.get(1)) : 200;
        Map<Address, Precompile> precompiles = ForkRules.forFork(Fork.OSAKA).precompiles();
        Map<String, Case> cases = new LinkedHashMap<>();
        cases.put("ECRECOVER", new Case(0x01, ecrecoverInput(), null));
        cases.put("BN254 pairing, 2 pairs", new Case(0x08, Hex.decode(bn254TwoPairs()), word("1")));
        cases.put("BLS12-381 pairing, 2 pairs", new Case(0x0f, Hex.decode(blsTwoPairs()), word("1")));
        cases.put("BN254 add", new Case(0x06, Hex.decode(word("1") + word("2") + word("1") + word("2")), null));
        cases.put("BN254 mul", new Case(0x07, Hex.decode(word("1") + word("2") + "ff".repeat(32)), null));
        cases.put("BLS12-381 G1 MSM, 8 points", new Case(0x0c, Hex.decode(blsMsm(fp(BLS_G1_X) + fp(BLS_G1_Y), 8)), null));
        cases.put("BLS12-381 G2 MSM, 8 points", new Case(0x0e, Hex.decode(blsMsm(BLS_G2, 8)), null));
        cases.put("P256VERIFY", new Case(0x100, p256Input(), word("1")));
        cases.put("MODEXP 1024-byte odd modulus", new Case(0x05, modexpWorstCase(), null));
        out.printf(Locale.ROOT, "load average %.2f, %d runs per precompile%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), runs);
        out.printf("%-30s %12s %12s %12s %10s%n", "precompile", "gas", "min us", "median us", "Mgas/s");
        for (Map.Entry<String, Case> c : cases.entrySet()) {
            Precompile precompile = precompiles.get(Address.fromLong(c.getValue().address));
            byte[] input = c.getValue().input;
            byte[] first = precompile.compute(input);
            String expected = c.getValue().expectedOutput;
            if (first == null || first.length == 0 || (expected != null && !Hex.encodeBare(first, 0, first.length).equals(expected))) {
                out.printf("%-30s failed on its own input: output %s%n", c.getKey(), first == null ? "null" : Hex.encode(first));
                return 1;
            }
            long end = System.nanoTime() + WARM_UP_NANOS;
            while (System.nanoTime() < end) {
                precompile.compute(input);
            }
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                precompile.compute(input);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            double minMicros = nanos[0] / 1e3;
            double micros = nanos[runs / 2] / 1e3;
            long gas = precompile.gasCost(input);
            out.printf(Locale.ROOT, "%-30s %12d %12.1f %12.1f %10.1f%n", c.getKey(), gas, minMicros, micros, gas / micros);
        }
        return 0;
    }

    private record Case(long address, byte[] input, String expectedOutput) {
    }

    private static byte[] ecrecoverInput() {
        byte[] hash = Keccak.keccak256("evmsim".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Secp256k1.Signature sig = Secp256k1.sign(hash, BigInteger.valueOf(0x1234567890abcdefL));
        return Hex.decode(Hex.encodeBare(hash, 0, 32) + word(Integer.toString(27 + sig.recoveryId()))
                + word(sig.r().toBigInteger().toString()) + word(sig.s().toBigInteger().toString()));
    }

    /** e(G1, G2) * e(-G1, G2) == 1. */
    private static String bn254TwoPairs() {
        return word("1") + word("2") + BN254_G2 + word("1") + word(BN254_P.subtract(BigInteger.TWO).toString()) + BN254_G2;
    }

    /** e(G1, G2) * e(-G1, G2) == 1, in EIP-2537's 64-byte field encoding. */
    private static String blsTwoPairs() {
        String negativeY = String.format("%096x", BLS_P.subtract(new BigInteger(BLS_G1_Y, 16)));
        return fp(BLS_G1_X) + fp(BLS_G1_Y) + BLS_G2 + fp(BLS_G1_X) + fp(negativeY) + BLS_G2;
    }

    /** k slices of the same point with scalars 1..k (the point must be in its subgroup: a generator). */
    private static String blsMsm(String point, int k) {
        StringBuilder input = new StringBuilder();
        for (int i = 1; i <= k; i++) {
            input.append(point).append(word(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(i)).toString()));
        }
        return input.toString();
    }

    private static byte[] p256Input() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] message = "evmsim".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        byte[] rs = signer.sign();
        ECPublicKey publicKey = (ECPublicKey) keys.getPublic();
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(message);
        return Hex.decode(Hex.encodeBare(hash, 0, 32) + Hex.encodeBare(rs, 0, 64)
                + word(publicKey.getW().getAffineX().toString()) + word(publicKey.getW().getAffineY().toString()));
    }

    /** EIP-7823's largest operands: base and modulus of 1024 bytes, a 32-byte exponent of all ones. */
    private static byte[] modexpWorstCase() {
        String base = "ab".repeat(1024);
        String exponent = "ff".repeat(32);
        String modulus = "f".repeat(2047) + "1";
        return Hex.decode(word("1024") + word("32") + word("1024") + base + exponent + modulus);
    }

    private static String word(String decimal) {
        return String.format("%064x", new BigInteger(decimal));
    }

    private static String fp(String hex48) {
        return "0".repeat(32) + hex48;
    }
}
