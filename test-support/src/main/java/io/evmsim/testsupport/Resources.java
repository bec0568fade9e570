package io.evmsim.testsupport;

/** Closing what a test class started, whatever of it was started. */
public final class Resources {
    private Resources() {
    }

    /**
     * Closes each resource that is not null, in the order given (what depends on another first), every one
     * even when an earlier one fails; then throws the first failure, with the others suppressed.
     */
    public static void close(AutoCloseable... resources) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
