package dev.seedling;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs test packages with the JUnit launcher from a plain {@code java} command: how the conformance suite runs on a
 * GPU host that has a JRE but no Maven ({@code tools/gpu/run-on-gpu.sh}). Prints the failures, then
 * {@code N passed, N failed, N skipped}; exits 1 if any test failed.
 *
 * <p>Usage: {@code SuiteRunner [package ...]} (default {@code dev.seedling.conformance dev.seedling.opencl}).
 */
public final class SuiteRunner {
    private SuiteRunner() {
    }

    public static void main(String[] args) {
        String[] packages = args.length > 0 ? args : new String[]{"dev.seedling.conformance", "dev.seedling.opencl"};
        LauncherDiscoveryRequest request = request()
                .selectors(Arrays.stream(packages).map(p -> selectPackage(p)).toList()).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printFailuresTo(out, 15);
        s.printTo(out);
        out.printf("%d passed, %d failed, %d skipped%n", s.getTestsSucceededCount(),
                s.getTestsFailedCount(), s.getTestsSkippedCount() + s.getTestsAbortedCount());
        System.exit(s.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
