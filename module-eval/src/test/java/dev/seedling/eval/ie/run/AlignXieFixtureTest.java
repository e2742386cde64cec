package dev.seedling.eval.ie.run;

import dev.seedling.eval.ie.IeFixture;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.ScriptedChatModel;
import dev.seedling.eval.ie.parse.FilterCounts;
import dev.seedling.eval.ie.score.DuplicatePolicy;
import dev.seedling.eval.ie.score.IeMetric;
import dev.seedling.eval.ie.score.Prf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.seedling.eval.ie.IeFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec's fixture (part 2 (e)): 3 EN + 3 ZH sentences with PER/LOC/ORG, a LocatedIn relation and a Marriage event,
 * and hand-written outputs covering all-correct, wrong type, hallucinated span, duplicate, truncated list, keyword
 * style and CJK spans. Every expected number is derived by hand in the comments.
 */
class AlignXieFixtureTest {
    @TempDir
    Path out;

    /*
     * NER gold: en-1 2, en-2 2, en-3 3, zh-1 2, zh-2 2, zh-3 3 = 14 entities.
     * en-1 all correct                         -> TP 2, pred 2
     * en-2 wrong type (Person "Microsoft") + out-of-schema Company (dropped: type not in schema)
     *                                          -> EC TP 1, pred 2; EI TP 2
     * en-3 Lucien twice (occurs once: 1 excess repeat dropped) + hallucinated "Napoleon" (span not in sentence)
     *                                          -> TP 3, pred 3
     * zh-1 CJK spans, type written in Chinese (地点 -> Location)  -> TP 2, pred 2
     * zh-2 truncated inside the second element: only Organization("阿里巴巴") is complete -> TP 1, pred 1
     * zh-3 keyword style with ', " and """ quoting, closing ] missing (truncated after the last complete element)
     *                                          -> TP 3, pred 3
     * EC: TP 12, pred 13, gold 14: P 12/13 = 92.3, R 12/14 = 85.7, F1 24/27 = 88.9
     * EI: TP 13, pred 13, gold 14: P 100.0, R 13/14 = 92.9, F1 26/27 = 96.3
     */
    static final Map<String, String> NER_OUTPUTS = Map.of(
            "en-1", "results = [\n\tPerson(\"Barack Obama\"),\n\tLocation(\"Beijing\")\n]",
            "en-2", "results = [Person(\"Microsoft\"), Location(\"Redmond\"), Company(\"Microsoft\")]",
            "en-3", "results = [Person(\"Lucien Bonaparte\"), Person(\"Lucien Bonaparte\"), Person(\"Napoleon\"),"
                    + " Person(\"Christine Boyer\"), Location(\"Paris\")]",
            "zh-1", "results = [Person(\"奥巴马\"), 地点(\"北京\")]",
            "zh-2", "results = [\n\tOrganization(\"阿里巴巴\"),\n\tLocation(\"杭",
            "zh-3", "results = [Person(name=\"张三\"), Person(name='李四'), Location(name=\"\"\"上海\"\"\")");

    private IeReport runNer(IeEvalOptions options, Path dir) {
        ScriptedChatModel model = new ScriptedChatModel("fixture");
        IeFixture.gold().forEach(s -> model.on(key(s.text()), NER_OUTPUTS.get(s.id())));
        return new IeEvaluation(IeFixture.schema(), IeFixture.gold(), model, IeTask.NER, dir, options).run();
    }

    @Test
    void nerScoresMatchTheHandDerivedCounts() {
        IeReport r = runNer(IeEvalOptions.defaults(), out);

        assertThat(r.score(IeMetric.NER_TYPED).overall()).isEqualTo(new Prf(12, 13, 14));
        assertThat(r.score(IeMetric.NER_SPAN).overall()).isEqualTo(new Prf(13, 13, 14));
        Prf ec = r.score(IeMetric.NER_TYPED).overall();
        assertThat(Prf.percent(ec.precision())).isEqualTo("92.3");
        assertThat(Prf.percent(ec.recall())).isEqualTo("85.7");
        assertThat(Prf.percent(ec.f1())).isEqualTo("88.9");
        assertThat(ec.f1()).isCloseTo(24.0 / 27, org.assertj.core.data.Offset.offset(1e-12));
        Prf ei = r.score(IeMetric.NER_SPAN).overall();
        assertThat(Prf.percent(ei.recall())).isEqualTo("92.9");
        assertThat(Prf.percent(ei.f1())).isEqualTo("96.3");
    }

    /*
     * Per type (EC). Person: gold 1+2+1+2 = 6; pred en-1 1, en-2 1 (Microsoft, wrong), en-3 2, zh-1 1, zh-3 2 = 7;
     * TP 6 -> P 85.7, R 100.0, F1 12/13 = 92.3. Location: gold 6, pred 5 (zh-2 truncated), TP 5 -> R 83.3, F1 10/11
     * = 90.9. Organization: gold 2, pred 1, TP 1 -> R 50.0, F1 66.7. No Company row: out-of-schema types are dropped.
     */
    @Test
    void nerPerTypeRowsSumToTheOverallCounts() {
        IeReport r = runNer(IeEvalOptions.defaults(), out);

        Map<String, Prf> perType = r.score(IeMetric.NER_TYPED).perType();
        assertThat(perType).containsOnlyKeys("Location", "Organization", "Person");
        assertThat(perType.get("Person")).isEqualTo(new Prf(6, 7, 6));
        assertThat(perType.get("Location")).isEqualTo(new Prf(5, 5, 6));
        assertThat(perType.get("Organization")).isEqualTo(new Prf(1, 1, 2));
        assertThat(Prf.percent(perType.get("Person").f1())).isEqualTo("92.3");
        assertThat(Prf.percent(perType.get("Location").f1())).isEqualTo("90.9");
        assertThat(Prf.percent(perType.get("Organization").f1())).isEqualTo("66.7");
    }

    @Test
    void nerReportCountsTheFilteredAndTruncatedOutputs() {
        IeReport r = runNer(IeEvalOptions.defaults(), out);

        assertThat(r.filtered()).isEqualTo(new FilterCounts(1, 1, 0, 1));
        assertThat(r.parseStatus()).containsEntry("COMPLETE", 4).containsEntry("TRUNCATED", 2);
        assertThat(r.perLanguage().get("en").get(IeMetric.NER_TYPED)).isEqualTo(new Prf(6, 7, 7));
        assertThat(r.perLanguage().get("zh").get(IeMetric.NER_TYPED)).isEqualTo(new Prf(6, 6, 7));
    }

    /*
     * Without the span/repeat filter, en-3 keeps 5 predictions: Lucien x2, Napoleon, Christine, Paris (Company is
     * still dropped: its type is not in the schema).
     * MULTISET: the second Lucien finds no gold left -> en-3 TP 3, pred 5; total TP 12, pred 15: P 80.0, R 85.7,
     *           F1 24/29 = 82.8.
     * KNOWCODER: both Luciens are TPs -> total TP 13, pred 15: P 86.7, R 92.9, F1 26/29 = 89.7.
     * SET: the repeat is removed before matching -> en-3 pred 4; total TP 12, pred 14: P = R = F1 = 85.7.
     */
    @Test
    void duplicatePoliciesDisagreeOnlyAboutTheRepeatedSpan(@TempDir Path a, @TempDir Path b, @TempDir Path c) {
        IeEvalOptions noFilter = new IeEvalOptions(IeEvalOptions.defaults().style(),
                IeEvalOptions.defaults().matcher(), DuplicatePolicy.MULTISET, false, true, true, 1024, 1);

        Prf multiset = runNer(noFilter, a).score(IeMetric.NER_TYPED).overall();
        Prf knowCoder = runNer(noFilter.withDuplicates(DuplicatePolicy.KNOWCODER), b).score(IeMetric.NER_TYPED)
                .overall();
        Prf set = runNer(noFilter.withDuplicates(DuplicatePolicy.SET), c).score(IeMetric.NER_TYPED).overall();

        assertThat(multiset).isEqualTo(new Prf(12, 15, 14));
        assertThat(Prf.percent(multiset.f1())).isEqualTo("82.8");
        assertThat(knowCoder).isEqualTo(new Prf(13, 15, 14));
        assertThat(Prf.percent(knowCoder.precision())).isEqualTo("86.7");
        assertThat(Prf.percent(knowCoder.f1())).isEqualTo("89.7");
        assertThat(set).isEqualTo(new Prf(12, 14, 14));
        assertThat(Prf.percent(set.f1())).isEqualTo("85.7");
    }

    /*
     * RE gold: en-2 LocatedIn(Microsoft:Organization, Redmond:Location), zh-2 位于(阿里巴巴:组织, 杭州:地点), which the
     * schema labels canonicalise to LocatedIn(Organization, Location).
     * en-1 predicts a relation that is not in the gold (FP); en-2 is right with types; zh-2 is right but its arguments
     * are typed Entity, so it counts for boundary but not for strict.
     * BOUNDARY (and PAIR): TP 2, pred 3, gold 2: P 66.7, R 100.0, F1 80.0.
     * STRICT: TP 1, pred 3, gold 2: P 33.3, R 50.0, F1 2/5 = 40.0.
     */
    @Test
    void relationStrictScoringRequiresTheEntityTypes() {
        ScriptedChatModel model = new ScriptedChatModel("fixture-re")
                .on(key("Barack Obama visited Beijing."),
                        "results = [LocatedIn(Person(\"Barack Obama\"), Location(\"Beijing\"))]")
                .on(key("Microsoft is located in Redmond."),
                        "results = [LocatedIn(Organization(\"Microsoft\"), Location(\"Redmond\"))]")
                .on(key("阿里巴巴位于杭州。"), "results = [LocatedIn(Entity(\"阿里巴巴\"), Entity(\"杭州\"))]")
                .on("sentence = ", "results = []");

        IeReport r = new IeEvaluation(IeFixture.schema(), IeFixture.gold(), model, IeTask.RE, out,
                IeEvalOptions.defaults()).run();

        assertThat(r.score(IeMetric.RE_BOUNDARY).overall()).isEqualTo(new Prf(2, 3, 2));
        assertThat(r.score(IeMetric.RE_PAIR).overall()).isEqualTo(new Prf(2, 3, 2));
        assertThat(r.score(IeMetric.RE_STRICT).overall()).isEqualTo(new Prf(1, 3, 2));
        assertThat(Prf.percent(r.score(IeMetric.RE_BOUNDARY).overall().f1())).isEqualTo("80.0");
        assertThat(Prf.percent(r.score(IeMetric.RE_STRICT).overall().precision())).isEqualTo("33.3");
        assertThat(Prf.percent(r.score(IeMetric.RE_STRICT).overall().f1())).isEqualTo("40.0");
    }

    /*
     * EAE gold arguments: en-3 spouse x2 + place, zh-3 (结婚事件 -> Marriage) spouse x2 + place = 6.
     * en-3 keyword style with spaces around '=': all 3 right.
     * zh-3: spouse 张三 right; 李四 given as place (argument right, role wrong); witness is not a Marriage role
     * (dropped as unknown role); 李四 as spouse and 上海 are missed.
     * AI (event type + argument): TP 3 + 2 = 5, pred 5, gold 6: P 100.0, R 83.3, F1 10/11 = 90.9.
     * AC (+ role): TP 3 + 1 = 4, pred 5, gold 6: P 80.0, R 66.7, F1 8/11 = 72.7.
     */
    @Test
    void argumentScoresSeparateArgumentFromRole() {
        ScriptedChatModel model = new ScriptedChatModel("fixture-eae")
                .on(key("Lucien Bonaparte married Christine Boyer in Paris."),
                        "results = [Marriage(trigger = \"married\", spouse = [Entity(\"Lucien Bonaparte\"),"
                                + " Entity(\"Christine Boyer\")], place = [Entity(\"Paris\")])]")
                .on(key("张三和李四在上海结婚。"), "results = [Marriage(trigger=\"结婚\", spouse=[Entity(\"张三\")],"
                        + " place=[Entity(\"李四\")], witness=[Entity(\"上海\")])]");

        IeReport r = new IeEvaluation(IeFixture.schema(), IeFixture.gold(), model, IeTask.EAE, out,
                IeEvalOptions.defaults()).run();

        assertThat(r.score(IeMetric.EAE_ARGUMENT).overall()).isEqualTo(new Prf(5, 5, 6));
        assertThat(r.score(IeMetric.EAE_ROLE).overall()).isEqualTo(new Prf(4, 5, 6));
        // Both predicted triggers are right, so tying arguments to their event changes nothing here.
        assertThat(r.score(IeMetric.EAE_ROLE_IN_EVENT).overall()).isEqualTo(new Prf(4, 5, 6));
        assertThat(Prf.percent(r.score(IeMetric.EAE_ARGUMENT).overall().f1())).isEqualTo("90.9");
        assertThat(Prf.percent(r.score(IeMetric.EAE_ROLE).overall().f1())).isEqualTo("72.7");
        assertThat(r.filtered().unknownRole()).isEqualTo(1);
        assertThat(model.calls()).as("sentences without gold events are not asked").isEqualTo(2);
        assertThat(r.parseStatus()).containsEntry("NOT_ASKED", 4);
        assertThat(model.prompts()).anySatisfy(p -> assertThat(p)
                .contains("It is known that \"结婚\" is the trigger of event type \"Marriage\"."));
    }
}
