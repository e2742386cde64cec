package dev.seedling.opencl;

import org.jocl.cl_context;
import org.jocl.cl_mem;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import static org.jocl.CL.*;

/**
 * Device buffers kept for reuse, by size class. Sizes round up to a power of two below 1 MiB and to an eighth of an
 * octave above (at most 12.5% slack). Idle buffers are capped at {@code idleCap} bytes; past it they are released.
 * An allocation the driver refuses first drains the pool and tries once more. Thread-safe (the storage cleaner
 * returns buffers from its own thread); reuse is safe because the backend has one in-order queue.
 */
final class BufferPool {
    /** A device buffer of {@code capacity} bytes. */
    record Buffer(cl_mem mem, long capacity) {
    }

    private final cl_context context;
    private final ClDevice device;
    private final long idleCap;
    private final Map<Long, ArrayDeque<cl_mem>> idle = new HashMap<>();
    private long idleBytes;
    private long liveBytes;

    BufferPool(cl_context context, ClDevice device) {
        this.context = context;
        this.device = device;
        this.idleCap = Math.min(device.globalMemBytes() / 4, 1L << 30);
    }

    static long sizeClass(long bytes) {
        long b = Math.max(bytes, 64);
        long pow = Long.highestOneBit(b);
        if (b <= 1 << 20) {
            return pow == b ? b : pow << 1;
        }
        long step = pow >> 3;
        return (b + step - 1) / step * step;
    }

    /**
     * A buffer of at least {@code bytes}.
     *
     * @throws OpenClException (call {@code clCreateBuffer}) naming the bytes asked for and the device's limits when the
     *                         request exceeds {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE} or the driver cannot allocate it
     */
    synchronized Buffer acquire(long bytes) {
        if (bytes > device.maxAllocBytes()) {
            throw allocationFailure(bytes, 0, "it exceeds the device's largest single allocation");
        }
        long cap = Math.min(sizeClass(bytes), device.maxAllocBytes());
        ArrayDeque<cl_mem> free = idle.get(cap);
        if (free != null && !free.isEmpty()) {
            idleBytes -= cap;
            liveBytes += cap;
            return new Buffer(free.pop(), cap);
        }
        int[] err = new int[1];
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE, cap, null, err);
        if (err[0] != CL_SUCCESS && idleBytes > 0) {
            drain();
            mem = clCreateBuffer(context, CL_MEM_READ_WRITE, cap, null, err);
        }
        if (err[0] != CL_SUCCESS) {
            throw allocationFailure(bytes, err[0], stringFor_errorCode(err[0]));
        }
        liveBytes += cap;
        return new Buffer(mem, cap);
    }

    OpenClException allocationFailure(long bytes, int code, String why) {
        return new OpenClException("clCreateBuffer", code, String.format(java.util.Locale.ROOT,
                "clCreateBuffer cannot allocate %d bytes on %s: %s (device limits: max allocation %d bytes, global "
                        + "memory %d bytes; Seedling holds %d bytes in live buffers and %d idle)",
                bytes, device.name(), why, device.maxAllocBytes(), device.globalMemBytes(), liveBytes, idleBytes));
    }

    /** Returns a buffer for reuse, or releases it when the pool is full. */
    synchronized void release(Buffer b) {
        liveBytes -= b.capacity();
        if (idleBytes + b.capacity() > idleCap) {
            clReleaseMemObject(b.mem());
            return;
        }
        idle.computeIfAbsent(b.capacity(), c -> new ArrayDeque<>()).push(b.mem());
        idleBytes += b.capacity();
    }

    /** Releases every idle buffer. */
    synchronized void drain() {
        idle.values().forEach(q -> q.forEach(m -> clReleaseMemObject(m)));
        idle.clear();
        idleBytes = 0;
    }

    synchronized long liveBytes() {
        return liveBytes;
    }
}
