/**
 * Seedling's public API: tensors with autograd and the backend SPI. Backends are found at run time with
 * {@link java.util.ServiceLoader}; user code never imports a backend package.
 */
module dev.seedling.api {
    requires static lombok;
    requires org.slf4j;

    exports dev.seedling;
    exports dev.seedling.tensor;
    exports dev.seedling.autograd;
    exports dev.seedling.backend;

    uses dev.seedling.backend.BackendProvider;
}
