package dev.seedling.opencl;

import lombok.extern.slf4j.Slf4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Warns when loading the OpenCL drivers has put the JVM at risk. The JVM handles SIGSEGV itself (implicit null checks,
 * deoptimisation traps); some OpenCL drivers are built on LLVM (PoCL, others), and LLVM installs its own SIGSEGV, SIGBUS,
 * SIGILL and SIGFPE handlers when the driver initialises. After that an ordinary trap in JIT-compiled Java code kills
 * the process (exit 139, no hs_err file) instead of being handled. The JDK's remedy is signal chaining: preloading
 * {@code libjsig.so} keeps the JVM's handlers installed and chains LLVM's behind them. The {@code seedling} launcher and
 * the Maven build preload it; this check names the problem for every other way of starting a JVM.
 */
@Slf4j
final class SignalGuard {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private SignalGuard() {
    }

    /** After OpenCL discovery: logs a warning if an LLVM library is mapped into the process and libjsig is not. */
    static void checkAfterDriverLoad() {
        if (!Files.isReadable(MAPS)) {
            return;     // not Linux: nothing to check
        }
        String maps;
        try {
            maps = Files.readString(MAPS);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (maps.contains("libLLVM") && !maps.contains("libjsig")) {
            Path jsig = Path.of(System.getProperty("java.home"), "lib", "libjsig.so");
            log.warn("an OpenCL driver loaded LLVM, which replaces the JVM's SIGSEGV handler: this JVM may die with "
                    + "SIGSEGV (exit 139, no hs_err file). Start java with LD_PRELOAD={} (signal chaining; the "
                    + "seedling launcher and the Maven build do), or request the cpu backend (SEEDLING_BACKEND=cpu) "
                    + "so that OpenCL is not probed", jsig);
        }
    }
}
