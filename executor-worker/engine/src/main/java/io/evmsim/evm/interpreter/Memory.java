package io.evmsim.evm.interpreter;

import io.evmsim.evm.fork.GasCost;
import io.evmsim.evm.fork.GasSchedule;
import java.util.Arrays;

/** A frame's memory: one byte array that grows in 32-byte words, zero-filled, priced by its fork. */
public final class Memory {
    /** Beyond this size the expansion cost exceeds any gas a transaction can carry. */
    public static final long MAX_SIZE = Integer.MAX_VALUE - 64;

    private final long wordGas;
    private final long quadraticDivisor;
    private byte[] data = new byte[1024];
    private int size;

    public Memory(GasSchedule gas) {
        this.wordGas = gas.cost(GasCost.MEMORY_WORD);
        this.quadraticDivisor = gas.cost(GasCost.MEMORY_QUADRATIC_DIVISOR);
    }

    /** Size in bytes, always a multiple of 32. */
    public int size() {
        return size;
    }

    public byte[] data() {
        return data;
    }

    /** Bytes held, written or not: what growing up to it costs no copy. */
    int capacity() {
        return data.length;
    }

    /** Memory gas for {@code words} words: G_memory per word plus words^2 / 512 (Yellow Paper), at the fork's prices. */
    public long cost(long words) {
        return wordGas * words + words * words / quadraticDivisor;
    }

    /**
     * The gas to expand memory to cover {@code [offset, offset + length)}, without expanding; 0
     * when no expansion is needed, {@link Long#MAX_VALUE} when the range is beyond any gas.
     */
    public long expansionCost(long offset, long length) {
        if (length == 0) {
            return 0;
        }
        long end = offset + length;
        if (offset < 0 || length < 0 || end > MAX_SIZE || end < 0) {
            return Long.MAX_VALUE;
        }
        if (end <= size) {
            return 0;
        }
        long newWords = (end + 31) >>> 5;
        return cost(newWords) - cost(size >>> 5);
    }

    /** Grows memory to cover the range; the caller has paid {@link #expansionCost}. */
    public void expand(long offset, long length) {
        if (length == 0) {
            return;
        }
        int end = (int) (offset + length);
        if (end <= size) {
            return;
        }
        int newSize = (int) (((long) end + 31) & ~31L);
        if (newSize > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(MAX_SIZE + 64, Math.max((long) newSize, 2L * data.length)));
        }
        size = newSize;
    }

    public byte[] copyOf(long offset, long length) {
        if (length == 0) {
            return new byte[0];
        }
        return Arrays.copyOfRange(data, (int) offset, (int) (offset + length));
    }

    /** Writes {@code length} bytes of {@code source} from {@code sourceOffset}, zero past its end. */
    public void writePadded(long offset, byte[] source, long sourceOffset, long length) {
        if (length == 0) {
            return;
        }
        int dst = (int) offset;
        int len = (int) length;
        int available = sourceOffset >= source.length ? 0 : (int) Math.min(len, source.length - sourceOffset);
        if (available > 0) {
            System.arraycopy(source, (int) sourceOffset, data, dst, available);
        }
        if (available < len) {
            Arrays.fill(data, dst + available, dst + len, (byte) 0);
        }
    }

    /** Clears the memory for reuse by a new frame. */
    public void reset() {
        Arrays.fill(data, 0, size, (byte) 0);
        size = 0;
    }
}
