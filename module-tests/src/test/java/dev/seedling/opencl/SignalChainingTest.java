package dev.seedling.opencl;

import dev.seedling.backend.Backends;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Once OpenCL discovery has loaded the drivers, an LLVM-based driver (PoCL) has tried to replace the JVM's SIGSEGV
 * handler; the test JVMs must run with the JDK's signal-chaining library preloaded (the {@code jsig} profile of the
 * build), or an ordinary trap in JIT-compiled code kills them (exit 139). Checked through /proc/self/maps (Linux).
 */
class SignalChainingTest {
    @Test
    void anLlvmBasedDriverIsLoadedOnlyBesideTheSignalChainingLibrary() throws Exception {
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "not Linux");
        Backends.discover();        // probes OpenCL: loads every installed driver
        String mapped = Files.readString(maps);
        assumeTrue(mapped.contains("libLLVM"), "no LLVM-based OpenCL driver in this process");
        assertThat(mapped).as("libjsig must be preloaded (LD_PRELOAD) when LLVM shares the process")
                .contains("libjsig");
    }
}
