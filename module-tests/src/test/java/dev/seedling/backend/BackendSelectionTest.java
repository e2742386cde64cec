package dev.seedling.backend;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendSelectionTest {

    @Test
    void discoveryFindsCpuAndOpenClProvidersOnTheClassPath() {
        var names = Backends.discover().stream().map(Backends.Found::name).toList();
        assertThat(names).contains("cpu", "opencl");
        assertThat(Backends.discover().stream().filter(f -> f.name().equals("cpu")).findFirst().orElseThrow()
                .availability().available()).isTrue();
    }

    @Test
    void unknownBackendRequestedByPropertyIsAnErrorListingEveryBackendFound() {
        assertThatThrownBy(() -> Backends.select("tpu", null))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'tpu'")
                .hasMessageContaining("cpu (priority 10): available")
                .hasMessageContaining("opencl (priority ");
    }

    @Test
    void unavailableBackendIsNeverASilentFallback() {
        boolean openClHere = Backends.discover().stream().anyMatch(f -> f.name().equals("opencl")
                && f.availability().available());
        if (openClHere) {
            // OpenCL is installed: a device that does not exist is the request that cannot be met
            assertThatThrownBy(() -> Backends.select(null, "opencl:no-such-device"))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("no OpenCL device whose name contains 'no-such-device'")
                    .hasMessageContaining("cpu (priority 10)");
            return;
        }
        assertThatThrownBy(() -> Backends.select(null, "opencl"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("'opencl' was requested but is unavailable")
                .hasMessageContaining("cpu (priority 10)");
    }

    @Test
    void propertyWinsOverEnvironmentAndTheReasonSaysSo() {
        var s = Backends.select("cpu", "opencl");
        assertThat(s.backend().name()).isEqualTo("cpu");
        assertThat(s.reason()).contains("-Dseedling.backend=cpu");
    }

    @Test
    void withoutARequestTheHighestPriorityAvailableBackendIsChosen() {
        var s = Backends.select(null, null);
        String best = Backends.discover().stream().filter(f -> f.availability().available()).findFirst()
                .orElseThrow().name();
        assertThat(s.backend().name()).isEqualTo(best);
        assertThat(s.reason()).contains("highest-priority available");
    }

    @Test
    void cpuRejectsADeviceItDoesNotHave() {
        assertThatThrownBy(() -> Backends.open("cpu:3"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("single device");
    }

    @Test
    void describeListsJavaEveryBackendAndTheChoice() {
        String d = dev.seedling.Seedling.describe();
        assertThat(d).contains("Java: ").contains("opencl").contains("cpu").contains("Chosen: cpu").contains("Why: ");
    }
}
