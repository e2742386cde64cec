/**
 * Seedling's public API: tensors with autograd and the backend SPI. Backends are found at run time with
 * {@link java.util.ServiceLoader}; user code never imports a backend package.
 */
module dev.seedling.api {
    requires static lombok;
    requires org.slf4j;
    requires com.fasterxml.jackson.core;

    exports dev.seedling;
    exports dev.seedling.tensor;
    exports dev.seedling.autograd;
    exports dev.seedling.backend;
    exports dev.seedling.io;

    uses dev.seedling.backend.BackendProvider;
}
