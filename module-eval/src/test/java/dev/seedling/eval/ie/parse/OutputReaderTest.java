package dev.seedling.eval.ie.parse;

import dev.seedling.eval.ie.EntityMention;
import dev.seedling.eval.ie.IeFixture;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.RelationMention;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class OutputReaderTest {
    private final HallucinationFilter filter = new HallucinationFilter(IeFixture.schema());

    @Test
    void theRegexFallbackRecoversCallsAfterAMalformedElement() {
        String out = "results = [Person(\"张三\"), Person(张三), Location('上海'), 地点(name=\"北京\")]";

        Extraction with = new OutputReader(filter, true, true).read(IeTask.NER, "张三在上海和北京", out);
        Extraction without = new OutputReader(filter, true, false).read(IeTask.NER, "张三在上海和北京", out);

        assertThat(with.parse().status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(with.recovered()).isEqualTo(2);
        assertThat(with.mentions().entities()).containsExactly(new EntityMention("Person", "张三"),
                new EntityMention("Location", "上海"), new EntityMention("Location", "北京"));
        assertThat(without.mentions().entities()).containsExactly(new EntityMention("Person", "张三"));
    }

    @Test
    void theRelationFallbackReadsKnowCodersPositionalForm() {
        String out = "results = [LocatedIn(Organization(\"阿里巴巴\"), Location(\"杭州\")) LocatedIn(Entity(\"阿里巴巴\"),"
                + " Entity('杭州'))]";

        Extraction x = new OutputReader(filter, false).read(IeTask.RE, "阿里巴巴位于杭州。", out);

        assertThat(x.mentions().relations()).containsExactly(
                new RelationMention("LocatedIn", new EntityMention("Organization", "阿里巴巴"),
                        new EntityMention("Location", "杭州")),
                new RelationMention("LocatedIn", new EntityMention("Entity", "阿里巴巴"),
                        new EntityMention("Entity", "杭州")));
        assertThat(x.recovered()).isEqualTo(1);
    }

    @Test
    void typesWrittenInScriptsWithCombiningMarksResolve() {
        Extraction x = new OutputReader(filter, true).read(IeTask.NER, "मोदी दिल्ली गए।", "results = [व्यक्ति(\"मोदी\")]");

        assertThat(x.parse().complete()).isTrue();
        assertThat(x.mentions().entities()).containsExactly(new EntityMention("Person", "मोदी"));
    }

    @Test
    void aTruncatedOutputIsNotSearchedByRegex() {
        Extraction x = new OutputReader(filter, true).read(IeTask.NER, "ab", "results = [Person(\"a\"), Person(\"b");

        assertThat(x.recovered()).isZero();
        assertThat(x.mentions().entities()).containsExactly(new EntityMention("Person", "a"));
    }

    @Test
    void readingNeverThrowsOnMutatedOutputsOfAnyTask() {
        String[] seeds = {
            "results = [Person(\"张三\"), Location('上海')]",
            "results = [LocatedIn(Organization(\"阿里巴巴\"), Location(\"杭州\"))]",
            "results = [Marriage(trigger = \"结婚\", spouse = [Entity(\"张三\"), \"李四\"], place=None)]",
            "result = [LocatedIn(arg1=\"a\", arg2=\"b\"), Marriage(mention=\"x\", spouse=[\"y\"])]"};
        String noise = "()[],='\"\\ \n#rN{}人=_";
        java.util.Random rnd = new java.util.Random(5);
        OutputReader reader = new OutputReader(filter, true, true);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder(seeds[rnd.nextInt(seeds.length)]);
            for (int e = 1 + rnd.nextInt(3); e > 0 && !sb.isEmpty(); e--) {
                int at = rnd.nextInt(sb.length());
                if (rnd.nextBoolean()) {
                    sb.deleteCharAt(at);
                } else {
                    sb.insert(at, noise.charAt(rnd.nextInt(noise.length())));
                }
            }
            String out = sb.toString();
            for (IeTask task : IeTask.values()) {
                Extraction x = reader.read(task, "张三和李四在上海结婚。阿里巴巴位于杭州。", out);
                assertThat(x.mentions()).as("%s on %s", task, out).isNotNull();
            }
        }
    }
    @Test
    void aBackslashNWithoutABraceLetsTheRegexFallbackRecoverLaterCalls() {
        String out = "results = [Person(\"a\"), Person(\"b\\N c\"), Person(\"d\")]";

        Extraction x = new OutputReader(filter, true).read(IeTask.NER, "a d", out);

        assertThat(x.parse().status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(x.mentions().entities()).containsExactly(new EntityMention("Person", "a"),
                new EntityMention("Person", "d"));
    }

    @Test
    void anOutOfRangeUnicodeEscapeDoesNotEscapeTheReader() {
        Extraction x = new OutputReader(filter, true).read(IeTask.NER, "a", "results = [Person(\"a\"), Person(\"\\UFFFFFFFF\")]");

        assertThat(x.parse().status()).isEqualTo(ParseResult.Status.MALFORMED);
        assertThat(x.mentions().entities()).containsExactly(new EntityMention("Person", "a"));
    }

    @Test
    void theRegexFallbackScansLongRunsOfWordCharactersOnce() {
        // a run of 80,000 word characters took over a minute when each of its positions started a match attempt
        String run = "人".repeat(80_000);
        Map<IeTask, String> outputs = Map.of(
                IeTask.NER, "results = [Person(\"x\"), 1, " + run + " Person(\"张三\"), " + run + "]",
                IeTask.RE, "results = [1, " + run + " LocatedIn(Organization(\"阿里巴巴\"), Location(\"杭州\")) " + run
                        + "]",
                IeTask.ED, "results = [1, " + run + " Attack(\"打\"), " + run + "]");
        RegexFallback fallback = new RegexFallback();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThat(new OutputReader(filter, false).read(IeTask.NER, "张三", outputs.get(IeTask.NER))
                    .mentions().entities()).containsExactly(new EntityMention("Person", "x"),
                    new EntityMention("Person", "张三"));
            assertThat(fallback.find(IeTask.RE, outputs.get(IeTask.RE))).extracting(v -> ((PyValue.PyCall) v).name())
                    .containsExactly("LocatedIn");
            assertThat(fallback.find(IeTask.ED, outputs.get(IeTask.ED))).extracting(v -> ((PyValue.PyCall) v).name())
                    .containsExactly("Attack");
        });
    }
}
