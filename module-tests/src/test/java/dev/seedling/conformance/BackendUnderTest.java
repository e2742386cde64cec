package dev.seedling.conformance;

import dev.seedling.Seedling;
import dev.seedling.backend.Availability;
import dev.seedling.backend.Backend;
import dev.seedling.backend.Backends;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One backend found by {@link Backends#discover()}, as a test parameter. Every conformance test runs once per backend
 * found; on a backend that reports itself unavailable the test is skipped (with the backend's reason), never failed,
 * so a new backend joins the suite as soon as it becomes available.
 */
public record BackendUnderTest(String name, Availability availability) {

    /** Every backend on the class path, available or not; the parameter source of {@link OnEveryBackend}. */
    public static Stream<BackendUnderTest> all() {
        return Backends.discover().stream().map(f -> new BackendUnderTest(f.name(), f.availability()));
    }

    /** The opened backend; skips the calling test when it is unavailable here. */
    public Backend backend() {
        assumeTrue(availability.available(), () -> name + " is unavailable: " + availability.reason());
        return Backends.open(name);
    }

    /** Makes this backend current on the thread (skipping the test if it is unavailable); close to restore. */
    public Seedling.BackendScope use() {
        return Seedling.use(backend());
    }

    @Override
    public String toString() {
        return name;
    }
}
