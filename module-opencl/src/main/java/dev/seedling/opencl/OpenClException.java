package dev.seedling.opencl;

/**
 * An OpenCL call failed. The message names the call, the OpenCL error, the device and, for an allocation, the bytes
 * asked for and the device's limits ({@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}, {@code CL_DEVICE_GLOBAL_MEM_SIZE}).
 * The backend stays usable after one: a failed call leaves no half-made buffer or kernel behind.
 */
public class OpenClException extends RuntimeException {
    private final String call;
    private final int errorCode;

    public OpenClException(String call, int errorCode, String message) {
        super(message);
        this.call = call;
        this.errorCode = errorCode;
    }

    /** The OpenCL function that failed, e.g. {@code clCreateBuffer}. */
    public String call() {
        return call;
    }

    /** The OpenCL error code ({@code CL_INVALID_BUFFER_SIZE} is -61), or 0 when Seedling refused before calling. */
    public int errorCode() {
        return errorCode;
    }
}
