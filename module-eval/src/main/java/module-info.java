/** The evaluation and task pipelines of SimpleVQA, AlignXIE and Prog-TQA. */
module dev.seedling.eval {
    requires static lombok;
    requires org.slf4j;
    requires transitive dev.seedling.data;
    requires transitive dev.seedling.models;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports dev.seedling.eval.chat;
    exports dev.seedling.eval.local;
    exports dev.seedling.eval.tkgqa;
    exports dev.seedling.eval.tkgqa.program;
    exports dev.seedling.eval.tkgqa.exec;
    exports dev.seedling.eval.tkgqa.link;
    exports dev.seedling.eval.tkgqa.metric;
    exports dev.seedling.eval.tkgqa.draft;
    exports dev.seedling.eval.tkgqa.tune;
    exports dev.seedling.eval.vqa;
    exports dev.seedling.eval.ie;
    exports dev.seedling.eval.ie.schema;
    exports dev.seedling.eval.ie.render;
    exports dev.seedling.eval.ie.parse;
    exports dev.seedling.eval.ie.score;
    exports dev.seedling.eval.ie.data;
    exports dev.seedling.eval.ie.run;

}
