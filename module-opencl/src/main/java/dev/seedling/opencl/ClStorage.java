package dev.seedling.opencl;

import dev.seedling.backend.Backend;
import dev.seedling.backend.Storage;
import dev.seedling.backend.StorageChecks;
import dev.seedling.tensor.DType;
import org.jocl.cl_mem;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A storage in one device buffer from the backend's {@link BufferPool}. {@link #close()} (or, as a safety net,
 * unreachability) hands the buffer back to the pool.
 */
final class ClStorage implements Storage {
    private static final Cleaner CLEANER = Cleaner.create();

    private final OpenClBackend backend;
    private final DType dtype;
    private final int size;
    private final Owner owner;
    private final Cleaner.Cleanable cleanable;

    /** The buffer, held apart from the storage so the cleaner can return it without reaching the storage. */
    private record Owner(AtomicReference<BufferPool.Buffer> buffer, BufferPool pool) implements Runnable {
        @Override
        public void run() {
            BufferPool.Buffer b = buffer.getAndSet(null);
            if (b != null) {
                pool.release(b);
            }
        }
    }

    ClStorage(OpenClBackend backend, DType dtype, int size, BufferPool.Buffer buffer, BufferPool pool) {
        this.backend = backend;
        this.dtype = dtype;
        this.size = size;
        this.owner = new Owner(new AtomicReference<>(buffer), pool);
        this.cleanable = CLEANER.register(this, owner);
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
        return owner.buffer().get() == null;
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** The device buffer. */
    cl_mem mem() {
        BufferPool.Buffer b = owner.buffer().get();
        if (b == null) {
            throw StorageChecks.released("opencl", this);
        }
        return b.mem();
    }

    static ClStorage of(Storage s, OpenClBackend expected) {
        if (s instanceof ClStorage c && c.backend == expected) {
            return c;
        }
        throw new IllegalArgumentException("opencl: kernel got a storage of backend '" + s.backend().name()
                + "' (" + s.backend().description() + ") but runs on " + expected.description()
                + "; move tensors with to(backend) first");
    }
}
