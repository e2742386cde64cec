/** Tokenizers, datasets, data loaders and the loaders of the evaluation sets. */
module dev.seedling.data {
    requires static lombok;
    requires org.slf4j;
    requires transitive dev.seedling.api;
    requires com.fasterxml.jackson.databind;

    exports dev.seedling.data.tokenizer;
    exports dev.seedling.data.text;
    exports dev.seedling.data.loader;
    exports dev.seedling.data.synthetic;
    exports dev.seedling.data.progress;
    exports dev.seedling.data.tkg;
    exports dev.seedling.data.vqa;
}
