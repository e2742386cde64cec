package dev.seedling.eval.ie.render;

import dev.seedling.eval.ie.IeFixture;
import dev.seedling.eval.ie.IeTask;
import dev.seedling.eval.ie.schema.ClassDef;
import dev.seedling.eval.ie.schema.ClassKind;
import dev.seedling.eval.ie.schema.SchemaRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rendering is byte-stable: the output equals the committed files under {@code src/test/resources/ie/render}. To
 * regenerate them after an intended change, run with {@code -Dseedling.ie.regenerate=true} and review the diff.
 */
class CodeSchemaRendererTest {
    static final Path EXPECTED = Path.of("src/test/resources/ie/render");

    static void assertMatchesFile(String actual, String file) throws IOException {
        Path p = EXPECTED.resolve(file);
        if (Boolean.getBoolean("seedling.ie.regenerate")) {
            Files.writeString(p, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(p, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"KNOWCODER, NER", "KNOWCODER, RE", "KNOWCODER, EAE", "GOLLIE, NER", "GOLLIE, RE", "GOLLIE, EAE"})
    void schemaRendersToTheCommittedBytes(CodeStyle style, IeTask task) throws IOException {
        String code = new CodeSchemaRenderer(style).render(IeFixture.schema(), task);

        assertMatchesFile(code, style.name().toLowerCase() + "-" + task.id() + ".py");
    }

    @Test
    void renderingTwiceGivesTheSameBytes() {
        SchemaRegistry schema = IeFixture.schema();
        CodeSchemaRenderer r = new CodeSchemaRenderer(CodeStyle.KNOWCODER);

        assertThat(r.render(schema, IeTask.RE)).isEqualTo(r.render(IeFixture.schema(), IeTask.RE));
    }

    @Test
    void aChildIsRenderedAfterItsParentEvenWhenDeclaredFirst() {
        SchemaRegistry schema = SchemaRegistry.of(List.of(
                new ClassDef("Human", "Person", ClassKind.ENTITY, "", List.of(), List.of(), List.of(), List.of(),
                        List.of()),
                ClassDef.entity("Person", "A person.", List.of())));

        String code = new CodeSchemaRenderer(CodeStyle.KNOWCODER).render(schema, IeTask.NER);

        assertThat(code.indexOf("class Person(Entity)")).isLessThan(code.indexOf("class Human(Person)"));
    }

    @Test
    void aDocstringQuotingTripleQuotesCannotCloseTheDocstring() {
        SchemaRegistry schema = SchemaRegistry.of(List.of(
                ClassDef.entity("Quote", "Text such as \"\"\"this\"\"\" or a trailing \"", List.of())));

        String knowCoder = new CodeSchemaRenderer(CodeStyle.KNOWCODER).render(schema, IeTask.NER);
        String gollie = new CodeSchemaRenderer(CodeStyle.GOLLIE).render(schema, IeTask.NER);

        assertThat(knowCoder).contains("Description: Text such as \\\"\\\"\\\"this\\\"\\\"\\\" or a trailing \"\n");
        assertThat(gollie).contains("\"\"\"Text such as \\\"\\\"\\\"this\\\"\\\"\\\" or a trailing \\\"\"\"\"\n");
    }
}
