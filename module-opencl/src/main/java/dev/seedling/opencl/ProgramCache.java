package dev.seedling.opencl;

import dev.seedling.io.DurableFiles;
import lombok.extern.slf4j.Slf4j;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_context;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.jocl.CL.*;

/**
 * Builds OpenCL programs, keeping each device's compiled binary on disk so later runs skip the compiler. The key
 * hashes the device ({@link ClDevice#cacheKey()}: platform, device, OpenCL and driver versions), the source and the
 * build options, so a driver update or an edited kernel simply misses. The folder is {@code $SEEDLING_CACHE_DIR/opencl}
 * or {@code ~/.cache/seedling/opencl}; files are written atomically, and a stale or unreadable binary falls back to a
 * build from source.
 */
@Slf4j
final class ProgramCache {
    private ProgramCache() {
    }

    /** The cache folder (created on first write). */
    static Path folder() {
        String env = System.getenv("SEEDLING_CACHE_DIR");
        Path base = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "seedling");
        return base.resolve("opencl");
    }

    static String resource(String name) {
        try (InputStream in = ProgramCache.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("opencl: kernel source " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A built program for {@code device}: from the cached binary when there is one, else compiled and cached. */
    static cl_program build(cl_context context, ClDevice device, String source, String options) {
        String key = sha256(device.cacheKey() + "\n" + options + "\n" + source);
        Path file = folder().resolve(key + ".bin");
        cl_device_id[] ids = {device.id()};
        if (Files.isRegularFile(file)) {
            try {
                byte[] bin = Files.readAllBytes(file);
                int[] status = new int[1];
                int[] err = new int[1];
                cl_program p = clCreateProgramWithBinary(context, 1, ids, new long[]{bin.length}, new byte[][]{bin},
                        status, err);
                if (err[0] == CL_SUCCESS && status[0] == CL_SUCCESS
                        && clBuildProgram(p, 1, ids, options, null, null) == CL_SUCCESS) {
                    return p;
                }
                if (p != null) {
                    clReleaseProgram(p);
                }
                log.warn("opencl: cached program {} was rejected by {}; rebuilding from source", file, device.name());
            } catch (IOException e) {
                log.warn("opencl: cannot read cached program {}: {}", file, e.toString());
            }
        }
        int[] err = new int[1];
        cl_program p = clCreateProgramWithSource(context, 1, new String[]{source}, null, err);
        Cl.check(err[0], "clCreateProgramWithSource", device.name());
        long t0 = System.nanoTime();
        int code = clBuildProgram(p, 1, ids, options, null, null);
        if (code != CL_SUCCESS) {
            String buildLog = buildLog(p, device.id());
            clReleaseProgram(p);
            throw new OpenClException("clBuildProgram", code, "clBuildProgram failed (" + stringFor_errorCode(code)
                    + ") on " + device.name() + " with options '" + options + "':\n" + buildLog);
        }
        log.debug("opencl: built a program for {} in {} ms", device.name(), (System.nanoTime() - t0) / 1_000_000);
        store(p, file);
        return p;
    }

    private static void store(cl_program p, Path file) {
        long[] size = new long[1];
        if (clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(size), null) != CL_SUCCESS
                || size[0] <= 0) {
            return;
        }
        byte[] bin = new byte[(int) size[0]];
        if (clGetProgramInfo(p, CL_PROGRAM_BINARIES, Sizeof.POINTER, Pointer.to(new Pointer[]{Pointer.to(bin)}),
                null) != CL_SUCCESS) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            DurableFiles.writeAtomically(file, bin);
        } catch (IOException e) {
            log.warn("opencl: cannot cache program binary in {}: {}", file.getParent(), e.toString());
        }
    }

    private static String buildLog(cl_program p, cl_device_id d) {
        long[] size = new long[1];
        clGetProgramBuildInfo(p, d, CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] buf = new byte[(int) Math.max(size[0], 1)];
        clGetProgramBuildInfo(p, d, CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        return new String(buf, StandardCharsets.UTF_8).trim();
    }
}
