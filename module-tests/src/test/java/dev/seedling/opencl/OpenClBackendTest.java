package dev.seedling.opencl;

import dev.seedling.Seedling;
import dev.seedling.backend.Backend;
import dev.seedling.backend.BackendUnavailableException;
import dev.seedling.backend.Backends;
import dev.seedling.backend.MatmulSpec;
import dev.seedling.backend.Storage;
import dev.seedling.conformance.Samples;
import dev.seedling.tensor.DType;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenCL backend beyond the op conformance suite: that it really runs in CI, device selection and the info
 * listing, device errors, the binary cache, the buffer pool and every SGEMM tile configuration the autotuner may pick.
 */
class OpenClBackendTest {

    private static boolean available() {
        return Backends.discover().stream().anyMatch(f -> f.name().equals("opencl") && f.availability().available());
    }

    /** The opened default OpenCL device; skips the test where OpenCL is absent (never in CI: see below). */
    private static OpenClBackend backend() {
        assumeTrue(available(), "no OpenCL device here");
        return (OpenClBackend) Backends.open("opencl");
    }

    @Test
    void underCiTheOpenClBackendIsAvailableSoItsSuiteReallyRuns() {
        var opencl = Backends.discover().stream().filter(f -> f.name().equals("opencl")).findFirst().orElseThrow();
        if ("true".equals(System.getenv("CI"))) {
            assertThat(opencl.availability().available())
                    .as("CI installs PoCL (.ci/run), so a skipped OpenCL suite is a failure: %s",
                            opencl.availability().reason())
                    .isTrue();
        }
        assumeTrue(opencl.availability().available(), opencl.availability().reason());
        // the kernels really ran: a computed result, not an echo of the input
        try (var s = Seedling.use(backend())) {
            assertThat(Tensor.of(new float[]{1, 2, 3}, 3).exp().sum().item()).isCloseTo(
                    (float) (Math.exp(1) + Math.exp(2) + Math.exp(3)), within(1e-4f));
        }
    }

    @Test
    void anAllocationBeyondTheDeviceLimitNamesCallDeviceBytesAndLimitsAndTheBackendStaysUsable() {
        OpenClBackend b = backend();
        ClDevice d = b.device();
        long elements = Math.min(Integer.MAX_VALUE, d.maxAllocBytes() / 8 + 1);
        assumeTrue(elements * 8 > d.maxAllocBytes(), "the device allows allocations beyond the SPI's int sizes");
        assertThatThrownBy(() -> b.allocate(DType.I64, (int) elements))
                .isInstanceOf(OpenClException.class)
                .hasMessageContaining("clCreateBuffer")
                .hasMessageContaining(d.name())
                .hasMessageContaining(elements * 8 + " bytes")
                .hasMessageContaining("max allocation " + d.maxAllocBytes() + " bytes")
                .hasMessageContaining("global memory " + d.globalMemBytes() + " bytes")
                .satisfies(e -> assertThat(((OpenClException) e).call()).isEqualTo("clCreateBuffer"));
        try (var s = Seedling.use(b)) {
            assertThat(Tensor.of(new float[]{1, 2, 3, 4}, 2, 2).matmul(Tensor.ones(2, 1)).toFloatArray())
                    .containsExactly(3, 7);
        }
    }

    @Test
    void devicesAreChosenByIndexOrNameFragmentAndAnUnknownOneIsAnErrorListingThem() {
        OpenClBackend first = backend();
        assertThat(Backends.open("opencl:0")).isSameAs(first);
        String fragment = first.device().name().substring(0, Math.min(6, first.device().name().length()));
        assertThat(Backends.open("opencl:" + fragment)).isSameAs(first);
        assertThatThrownBy(() -> Backends.open("opencl:99")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no OpenCL device 99").hasMessageContaining(first.device().name());
    }

    @Test
    void infoListsEveryDeviceWithMemoryComputeUnitsVersionAndWhyItWasChosen() {
        OpenClBackend b = backend();
        String info = Seedling.describe();
        assertThat(info).contains(b.device().name()).contains("compute units").contains("global memory")
                .contains(b.device().version()).contains("chosen for 'opencl'");
    }

    @Test
    void programBinariesAreCachedPerDeviceAndReloadWithoutTheCompiler() throws IOException {
        OpenClBackend b = backend();
        String options = OpenClBackend.buildOptions(b.device());
        String key = ProgramCache.sha256(b.device().cacheKey() + "\n" + options + "\n"
                + OpenClBackend.source(SgemmConfig.DEFAULT));
        assertThat(ProgramCache.folder().resolve(key + ".bin")).isRegularFile();
        long t0 = System.nanoTime();
        var p = ProgramCache.build(b.context(), b.device(), OpenClBackend.source(SgemmConfig.DEFAULT), options);
        assertThat(p).isNotNull();
        org.jocl.CL.clReleaseProgram(p);
        try (Stream<java.nio.file.Path> files = Files.list(ProgramCache.folder())) {
            assertThat(files.filter(f -> f.toString().endsWith(".bin"))).isNotEmpty();
        }
        assertThat((System.nanoTime() - t0) / 1e9).as("a cached binary loads without a full compile").isLessThan(30);
    }

    @Test
    void closedStoragesReturnTheirBuffersToThePool() {
        OpenClBackend b = backend();
        Storage s = b.allocate(DType.F32, 1000);
        assertThat(s.bytes()).isEqualTo(4000);
        // the storage cleaner may return other buffers meanwhile, which only lowers the count
        long during = b.pool().liveBytes();
        s.close();
        assertThat(s.isReleased()).isTrue();
        assertThat(s.bytes()).isZero();
        assertThat(b.pool().liveBytes()).isLessThanOrEqualTo(during - BufferPool.sizeClass(4000));
        assertThatThrownBy(() -> b.readFloats(s, 0, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("released");
    }

    @Test
    void everySgemmTileConfigurationMatchesTheCpuOnRaggedTransposedBatchedProducts() {
        OpenClBackend b = backend();
        Backend cpu = Backends.open("cpu");
        int batch = 2;
        int m = 37;
        int n = 45;
        int k = 29;
        float[] a = Samples.uniform(11, batch * m * k, -1, 1);
        float[] bm = Samples.uniform(12, batch * k * n, -1, 1);
        SgemmTuner tuner = new SgemmTuner(b);
        for (SgemmConfig config : SgemmConfig.CANDIDATES) {
            if (!config.fits(b.device())) {
                continue;
            }
            SgemmTuner.Compiled compiled = tuner.compiled(config);
            for (int t = 0; t < 4; t++) {
                MatmulSpec spec = new MatmulSpec(batch, m, n, k, (t & 1) != 0, (t & 2) != 0, m * k, 0);
                Storage c = b.allocate(DType.F32, batch * m * n);
                Storage da = b.upload(a);
                Storage db = b.upload(bm);
                synchronized (b) {
                    b.runSgemm(compiled, spec, ((ClStorage) da).mem(), 0, ((ClStorage) db).mem(), 0,
                            ((ClStorage) c).mem());
                }
                Storage ref = cpu.allocate(DType.F32, batch * m * n);
                cpu.matmul(spec, cpu.upload(a), 0, cpu.upload(bm), 0, ref);
                float[] got = b.readFloats(c, 0, batch * m * n);
                float[] want = cpu.readFloats(ref, 0, batch * m * n);
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i]).as("%s %s element %d", config, spec, i).isCloseTo(want[i], within(5e-5f));
                }
            }
        }
        assertThat(tuner.describe()).as("the autotuner picks one and caches it").isNotBlank();
    }
}
