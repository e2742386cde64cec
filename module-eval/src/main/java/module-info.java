/** The evaluation and task pipelines of SimpleVQA, AlignXIE and Prog-TQA. */
module dev.seedling.eval {
    requires static lombok;
    requires org.slf4j;
    requires transitive dev.seedling.data;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports dev.seedling.eval.chat;
    exports dev.seedling.eval.ie;
    exports dev.seedling.eval.ie.schema;
    exports dev.seedling.eval.ie.render;
    exports dev.seedling.eval.ie.parse;
    exports dev.seedling.eval.ie.score;
    exports dev.seedling.eval.ie.data;
    exports dev.seedling.eval.ie.run;

}
