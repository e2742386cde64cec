package dev.seedling.opencl;

import dev.seedling.backend.MatmulSpec;
import dev.seedling.io.DurableFiles;
import lombok.extern.slf4j.Slf4j;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.jocl.CL.*;

/**
 * Chooses the SGEMM tile sizes for a device. Small products use {@link SgemmConfig#DEFAULT} (compiled with the other
 * kernels), and so do products that would give the tuned tiles fewer work-groups than the device has compute units
 * (large tiles would leave most of a GPU idle); the first product of at least {@value #TUNE_THRESHOLD_FLOPS} flops
 * runs a short autotune: each {@link SgemmConfig#CANDIDATES candidate} that fits the device is built (binary cached)
 * and timed, best of three, on a square product large enough to give every compute unit several tiles of the largest
 * candidate ({@link #tuneSize}: 4096³ on a 132-unit H100, 256³ on CPU devices), and the fastest wins. Tuning at too
 * small a size picks small tiles: at 1024³ an H100 chose 64×64 tiles that ran 4096³ at 0.7 of the best. The choice is
 * written to
 * {@code <cache>/opencl/sgemm-<hash>.txt} (hash of device and kernel source) so later runs skip the tuning.
 * {@code SEEDLING_OPENCL_SGEMM=64x64x16/4x4} forces a configuration.
 */
@Slf4j
final class SgemmTuner {
    static final double TUNE_THRESHOLD_FLOPS = 2.0 * 256 * 256 * 256;

    /** A built SGEMM kernel and its tile sizes. */
    record Compiled(SgemmConfig config, cl_kernel kernel) {
    }

    private final OpenClBackend backend;
    private final Map<SgemmConfig, Compiled> built = new HashMap<>();
    private Compiled small;
    private Compiled tuned;
    private final List<String> report = new ArrayList<>();

    SgemmTuner(OpenClBackend backend) {
        this.backend = backend;
    }

    /** The kernel for a product of this geometry. Called with the backend's lock held. */
    Compiled kernelFor(MatmulSpec spec) {
        if (small == null) {
            int[] err = new int[1];
            cl_kernel k = clCreateKernel(backend.program(), "sgemm", err);
            Cl.check(err[0], "clCreateKernel(sgemm)", backend.device().name());
            small = new Compiled(SgemmConfig.DEFAULT, k);
            built.put(SgemmConfig.DEFAULT, small);
        }
        if (spec.flops() / Math.max(spec.batch(), 1) < TUNE_THRESHOLD_FLOPS) {
            return small;
        }
        if (tuned == null) {
            tuned = compiled(choose());
        }
        SgemmConfig t = tuned.config();
        long groups = (long) Math.max(spec.batch(), 1) * ((spec.m() + t.tm() - 1) / t.tm())
                * ((spec.n() + t.tn() - 1) / t.tn());
        return groups < backend.device().computeUnits() ? small : tuned;
    }

    /** The configuration in use for large products (tuning now if needed), and how it was chosen. */
    synchronized String describe() {
        synchronized (backend) {
            kernelFor(new MatmulSpec(1, 1024, 1024, 1024, false, false, 0, 0));
            return tuned.config() + (report.isEmpty() ? "" : " (" + String.join(", ", report) + ")");
        }
    }

    private Path cacheFile() {
        return ProgramCache.folder().resolve("sgemm-" + ProgramCache.sha256(backend.device().cacheKey() + "\n"
                + ProgramCache.resource("sgemm.cl") + SgemmConfig.CANDIDATES).substring(0, 24) + ".txt");
    }

    private SgemmConfig choose() {
        String forced = System.getenv("SEEDLING_OPENCL_SGEMM");
        if (forced != null && !forced.isBlank()) {
            report.add("forced by SEEDLING_OPENCL_SGEMM");
            return SgemmConfig.parse(forced);
        }
        Path file = cacheFile();
        if (Files.isRegularFile(file)) {
            try {
                SgemmConfig c = SgemmConfig.parse(Files.readString(file).lines().findFirst().orElse(""));
                report.add("autotuned earlier, cached in " + file);
                return c;
            } catch (IOException | RuntimeException e) {
                log.warn("opencl: ignoring unreadable SGEMM tuning file {}: {}", file, e.toString());
            }
        }
        SgemmConfig best = tune();
        try {
            Files.createDirectories(file.getParent());
            DurableFiles.writeAtomically(file,
                    (best + "\n" + String.join("\n", report) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("opencl: cannot cache the SGEMM tuning in {}: {}", file, e.toString());
        }
        return best;
    }

    private SgemmConfig tune() {
        ClDevice d = backend.device();
        int size = tuneSize(d);
        MatmulSpec spec = new MatmulSpec(1, size, size, size, false, false, 0, 0);
        long bytes = 4L * size * size;
        BufferPool.Buffer a = backend.pool().acquire(bytes);
        BufferPool.Buffer b = backend.pool().acquire(bytes);
        BufferPool.Buffer c = backend.pool().acquire(bytes);
        try {
            fillOnes(a.mem(), bytes);
            fillOnes(b.mem(), bytes);
            SgemmConfig best = SgemmConfig.DEFAULT;
            double bestSeconds = Double.MAX_VALUE;
            for (SgemmConfig cand : SgemmConfig.CANDIDATES) {
                if (!cand.fits(d)) {
                    continue;
                }
                try {
                    Compiled k = compiled(cand);
                    backend.runSgemm(k, spec, a.mem(), 0, b.mem(), 0, c.mem());   // warm-up (and lazy JIT)
                    clFinish(backend.queue());
                    double s = Double.MAX_VALUE;
                    for (int r = 0; r < 3; r++) {
                        long t0 = System.nanoTime();
                        backend.runSgemm(k, spec, a.mem(), 0, b.mem(), 0, c.mem());
                        clFinish(backend.queue());
                        s = Math.min(s, (System.nanoTime() - t0) / 1e9);
                    }
                    report.add(String.format(Locale.ROOT, "%s %.1f GFLOP/s", cand, spec.flops() / s / 1e9));
                    if (s < bestSeconds) {
                        bestSeconds = s;
                        best = cand;
                    }
                } catch (OpenClException e) {
                    report.add(cand + " failed: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            log.info("opencl: SGEMM autotune on {} ({}³): chose {} of [{}]", d.name(), size, best,
                    String.join("; ", report));
            report.add(0, "autotuned at " + size + "^3");
            return best;
        } finally {
            backend.pool().release(a);
            backend.pool().release(b);
            backend.pool().release(c);
        }
    }

    /**
     * The tuning product's size: 256 on CPU devices; elsewhere the smallest of 1024, 2048 and 4096 that gives every
     * compute unit at least four 128×128 tiles (the largest candidate's), within the device's allocation limit.
     */
    static int tuneSize(ClDevice d) {
        if (d.kind() == ClDevice.Kind.CPU) {
            return 256;
        }
        int size = 1024;
        while (size < 4096 && (long) (size / 128) * (size / 128) < 4L * d.computeUnits()
                && 4L * (2 * size) * (2 * size) <= d.maxAllocBytes()) {
            size *= 2;
        }
        return size;
    }

    private void fillOnes(cl_mem m, long bytes) {
        Cl.check(clEnqueueFillBuffer(backend.queue(), m, org.jocl.Pointer.to(new float[]{1f}), 4, 0, bytes, 0, null,
                null), "clEnqueueFillBuffer", backend.device().name());
    }

    Compiled compiled(SgemmConfig config) {
        Compiled c = built.get(config);
        if (c != null) {
            return c;
        }
        cl_program p = ProgramCache.build(backend.context(), backend.device(), OpenClBackend.sgemmSource(config),
                OpenClBackend.buildOptions(backend.device()));
        int[] err = new int[1];
        cl_kernel k = clCreateKernel(p, "sgemm", err);
        Cl.check(err[0], "clCreateKernel(sgemm " + config + ")", backend.device().name());
        c = new Compiled(config, k);
        built.put(config, c);
        return c;
    }
}
