/** The CPU backend, built on {@code jdk.incubator.vector}; found by ServiceLoader, never imported. */
module dev.seedling.cpu {
    requires static lombok;
    requires org.slf4j;
    requires dev.seedling.api;
    requires jdk.incubator.vector;

    provides dev.seedling.backend.BackendProvider with dev.seedling.cpu.CpuBackendProvider;
}
