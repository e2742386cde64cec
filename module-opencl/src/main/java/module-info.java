/** The OpenCL backend; found by ServiceLoader. Only {@link dev.seedling.opencl.OpenClException} is meant for users. */
module dev.seedling.opencl {
    requires static lombok;
    requires org.slf4j;
    requires dev.seedling.api;
    requires jocl;

    exports dev.seedling.opencl;

    provides dev.seedling.backend.BackendProvider with dev.seedling.opencl.OpenClBackendProvider;
}
