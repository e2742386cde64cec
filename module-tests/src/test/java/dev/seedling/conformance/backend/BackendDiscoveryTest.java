package dev.seedling.conformance.backend;

import dev.seedling.Seedling;
import dev.seedling.backend.BackendUnavailableException;
import dev.seedling.backend.Backends;
import dev.seedling.conformance.BackendUnderTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the conformance suite runs on: every backend found, unavailable ones reported with their reason. */
class BackendDiscoveryTest {

    @Test
    void theSuiteSeesEveryBackendFoundAndAtLeastOneIsAvailable() {
        assertThat(BackendUnderTest.all()).extracting(BackendUnderTest::name).contains("cpu", "opencl");
        assertThat(BackendUnderTest.all()).anyMatch(b -> b.availability().available());
    }

    @Test
    void requestingAnUnavailableBackendListsEveryBackendFoundAndWhy() {
        var opencl = Backends.discover().stream().filter(f -> f.name().equals("opencl")).findFirst().orElseThrow();
        if (opencl.availability().available()) {
            return;   // a machine with OpenCL: nothing unavailable to ask for
        }
        assertThatThrownBy(() -> Backends.open("opencl")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("opencl").hasMessageContaining(opencl.availability().reason())
                .hasMessageContaining("cpu (priority");
    }

    @Test
    void backendScopesRestoreThePreviousBackendAndCloseIdempotently() {
        var host = new HostArrayBackend();
        var before = Seedling.backend();
        try (var outer = Seedling.use(host)) {
            var inner = Seedling.use(host);
            inner.close();
            inner.close();   // AutoCloseable: a second close must not pop the outer scope
            assertThat(Seedling.backend()).isSameAs(host);
        }
        assertThat(Seedling.backend()).isSameAs(before);
    }

    @Test
    void requestingAnUnknownBackendListsEveryBackendFound() {
        assertThatThrownBy(() -> Backends.open("tpu")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'tpu'").hasMessageContaining("cpu (priority")
                .hasMessageContaining("opencl (priority");
        assertThatThrownBy(() -> Backends.open("cpu:3")).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("single device").hasMessageContaining("Backends found");
    }
}
