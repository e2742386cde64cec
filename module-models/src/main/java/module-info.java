/** Model building blocks and paper components, written against the tensor API only. */
module dev.seedling.models {
    requires static lombok;
    requires org.slf4j;
    requires transitive dev.seedling.api;

}
