package io.evmsim.evm.precompile;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;

/**
 * The mainnet KZG trusted setup (the output of the KZG ceremony, in C-KZG-4844's text format:
 * 4096 G1 points in Lagrange form, 65 G2 points, 4096 G1 points in monomial form), loaded into
 * the native library once per JVM, on first use.
 *
 * <p>jc-kzg-4844 ships the native library but not the setup, so the file is a resource of this
 * module: {@code kzg-trusted-setup-mainnet.txt}, as published with C-KZG-4844.
 */
final class KzgTrustedSetup {
    private static final String RESOURCE = "/io/evmsim/evm/precompile/kzg-trusted-setup-mainnet.txt";
    /**
     * Precomputation level for the fixed-base multiplications of cell proofs (EIP-7594); point
     * evaluation does not use them, so none is spent.
     */
    private static final long NO_PRECOMPUTATION = 0;

    private static volatile boolean loaded;

    private KzgTrustedSetup() {
    }

    /**
     * Loads the native library and the setup unless already done. Thread-safe; a failure is an
     * environment fault (missing native library for this platform), not a verdict on any input.
     *
     * @throws IllegalStateException when the setup cannot be loaded
     */
    static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (KzgTrustedSetup.class) {
            if (loaded) {
                return;
            }
            try {
                CKZG4844JNI.loadNativeLibrary();
                CKZG4844JNI.loadTrustedSetupFromResource(RESOURCE, KzgTrustedSetup.class, NO_PRECOMPUTATION);
            } catch (CKZGException e) {
                // the native setup is global to the process; another component may have loaded it
                if (!String.valueOf(e.getErrorMessage()).contains("already loaded")) {
                    throw new IllegalStateException("cannot load the KZG trusted setup", e);
                }
            } catch (RuntimeException | LinkageError e) {
                throw new IllegalStateException("cannot load the KZG trusted setup", e);
            }
            loaded = true;
        }
    }
}
