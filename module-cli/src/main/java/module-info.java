/** The {@code seedling} command-line tool. */
module dev.seedling.cli {
    requires static lombok;
    requires org.slf4j;
    requires dev.seedling.api;
    requires dev.seedling.models;
    requires dev.seedling.data;
    requires dev.seedling.eval;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires jdk.management;
    requires jdk.incubator.vector;

    opens dev.seedling.cli to info.picocli;
}
