/** The OpenCL backend; found by ServiceLoader, never imported. */
module dev.seedling.opencl {
    requires static lombok;
    requires org.slf4j;
    requires dev.seedling.api;

    provides dev.seedling.backend.BackendProvider with dev.seedling.opencl.OpenClBackendProvider;
}
