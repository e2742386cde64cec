package dev.seedling.eval.ie.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaLoaderTest {
    @Test
    void readsClassesWithLabelsAsStringsOrLists() {
        SchemaRegistry s = SchemaLoader.parse("{\"classes\": [{\"name\": \"Person\", \"kind\": \"entity\","
                + " \"labels\": {\"zh\": \"人物\", \"ko\": [\"사람\"]}, \"examples\": \"Obama\"},"
                + " {\"name\": \"Marriage\", \"kind\": \"event\", \"parent\": \"Event\", \"roles\": [\"spouse\"]}]}",
                "inline");

        assertThat(s.resolve("사람")).isPresent();
        assertThat(s.byName("Person").orElseThrow().examples()).containsExactly("Obama");
        assertThat(s.byName("Marriage").orElseThrow().parent()).as("a base-class parent is normalised away").isNull();
    }

    @Test
    void malformedJsonNamesSourceLineAndColumn() {
        assertThatThrownBy(() -> SchemaLoader.parse("{\"classes\": [\n{\"name\": }]}", "s.json"))
                .isInstanceOf(SchemaException.class).hasMessageStartingWith("s.json:2:");
    }

    @Test
    void aMissingFieldNamesTheClassIndex() {
        assertThatThrownBy(() -> SchemaLoader.parse("{\"classes\": [{\"name\": \"A\", \"kind\": \"entity\"},"
                + " {\"name\": \"B\"}]}", "s.json"))
                .hasMessageContaining("s.json: classes[1]: missing 'kind'");
    }

    @Test
    void rolesOnAnEntityAreRejected() {
        assertThatThrownBy(() -> SchemaLoader.parse("{\"classes\": [{\"name\": \"A\", \"kind\": \"entity\","
                + " \"roles\": [\"x\"]}]}", "s.json"))
                .hasMessageContaining("classes[0]").hasMessageContaining("declares roles");
    }

    @Test
    void theBuiltInConllSchemaMapsDatasetTagsAndChineseLabels() {
        SchemaRegistry s = SchemaLoader.builtin("conll03");

        assertThat(s.canonical("PER")).isEqualTo("Person");
        assertThat(s.canonical("GPE")).isEqualTo("Location");
        assertThat(s.canonical("机构")).isEqualTo("Organization");
        assertThat(s.classes()).hasSize(4);
        assertThatThrownBy(() -> SchemaLoader.builtin("../schema")).hasMessageContaining("no built-in schema");
    }
}
