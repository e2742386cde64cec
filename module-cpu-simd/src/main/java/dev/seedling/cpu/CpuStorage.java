package dev.seedling.cpu;

import dev.seedling.backend.Backend;
import dev.seedling.backend.Storage;
import dev.seedling.backend.StorageChecks;
import dev.seedling.tensor.DType;

/**
 * A storage backed by one Java array ({@code float[]}, {@code int[]} or {@code long[]}) that it alone holds; released by
 * dropping it, or by {@link #close()}, which hands a float array to {@link ArrayPool} for a later allocation.
 */
final class CpuStorage implements Storage {
    private static final boolean POISON = Boolean.getBoolean("seedling.cpu.poisonUninitialised");
    private final CpuBackend backend;
    private final DType dtype;
    private final int size;
    private volatile Object array;

    CpuStorage(CpuBackend backend, DType dtype, Object array, int size) {
        this.backend = backend;
        this.dtype = dtype;
        this.array = array;
        this.size = size;
    }

    /**
     * A storage of {@code size} elements, zero-filled when {@code zeroed}; otherwise (F32 only) a pooled array keeps
     * what it held, or every element is NaN under {@code -Dseedling.cpu.poisonUninitialised=true} (the test suites
     * set it, so a kernel that reads an element of its output before writing it fails its tests).
     */
    static CpuStorage allocate(CpuBackend backend, DType dtype, int size, boolean zeroed) {
        if (dtype == DType.F32) {
            float[] pooled = ArrayPool.FLOATS.take(size, zeroed);
            if (pooled != null) {
                return new CpuStorage(backend, dtype, poisoned(pooled, zeroed), size);
            }
        }
        long pooledBytes = 0;
        try {
            return fresh(backend, dtype, size, zeroed);
        } catch (OutOfMemoryError e) {
            // the pool may hold the memory this allocation needs: give it all back to the collector and try once more
            pooledBytes = ArrayPool.FLOATS.clear();
            if (pooledBytes > 0) {
                try {
                    return fresh(backend, dtype, size, zeroed);
                } catch (OutOfMemoryError again) {
                    // reported below
                }
            }
        }
        throw new OutOfMemoryError("cpu: cannot allocate " + size + " " + dtype + " elements ("
                + (long) size * dtype.byteSize() + " bytes); max heap " + Runtime.getRuntime().maxMemory()
                + " bytes, free " + Runtime.getRuntime().freeMemory() + " bytes"
                + (pooledBytes > 0 ? " after dropping " + pooledBytes + " pooled bytes" : ""));
    }

    private static CpuStorage fresh(CpuBackend backend, DType dtype, int size, boolean zeroed) {
        Object array = switch (dtype) {
            case F32 -> poisoned(new float[size], zeroed);
            case I32 -> new int[size];
            case I64 -> new long[size];
        };
        return new CpuStorage(backend, dtype, array, size);
    }

    private static float[] poisoned(float[] a, boolean zeroed) {
        if (!zeroed && POISON) {
            java.util.Arrays.fill(a, Float.NaN);
        }
        return a;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isReleased() {
        return array == null;
    }

    @Override
    public void close() {
        Object a;
        synchronized (this) {
            a = array;
            array = null;
        }
        if (a instanceof float[] f) {
            ArrayPool.FLOATS.offer(f);
        }
    }

    private Object live() {
        Object a = array;
        if (a == null) {
            throw StorageChecks.released("cpu", this);
        }
        return a;
    }

    float[] floats() {
        if (dtype != DType.F32) {
            throw new IllegalArgumentException("cpu: expected an F32 storage but got " + dtype);
        }
        return (float[]) live();
    }

    int[] ints() {
        return (int[]) live();
    }

    long[] longs() {
        return (long[]) live();
    }

    /** Element {@code i} of an index storage, widened. */
    long index(int i) {
        return dtype == DType.I64 ? longs()[i] : ints()[i];
    }

    static CpuStorage of(Storage s) {
        if (s instanceof CpuStorage c) {
            return c;
        }
        throw new IllegalArgumentException("cpu: kernel got a storage of backend '" + s.backend().name()
                + "'; move tensors with to(backend) first");
    }
}
