/** Tokenizers, datasets, data loaders and the loaders of the evaluation sets. */
module dev.seedling.data {
    requires static lombok;
    requires org.slf4j;
    requires transitive dev.seedling.api;
    requires com.fasterxml.jackson.databind;

    exports dev.seedling.data.vqa;

}
