/** Model building blocks and paper components, written against the tensor API only. */
module dev.seedling.models {
    requires static lombok;
    requires org.slf4j;
    requires transitive dev.seedling.api;
    requires com.fasterxml.jackson.databind;

    exports dev.seedling.models;
    exports dev.seedling.models.nn;
    exports dev.seedling.models.norm;
    exports dev.seedling.models.attention;
    exports dev.seedling.models.ffn;
    exports dev.seedling.models.residual;
    exports dev.seedling.models.transformer;
    exports dev.seedling.models.optim;
    exports dev.seedling.models.generate;
    exports dev.seedling.models.train;
    exports dev.seedling.models.moe;
    exports dev.seedling.models.checkpoint;
    exports dev.seedling.models.memory;
    exports dev.seedling.models.activation;
    exports dev.seedling.models.embedding;
    exports dev.seedling.models.heads;

    opens dev.seedling.models.transformer to com.fasterxml.jackson.databind;
    opens dev.seedling.models.train to com.fasterxml.jackson.databind;
    opens dev.seedling.models.memory to com.fasterxml.jackson.databind;
}
