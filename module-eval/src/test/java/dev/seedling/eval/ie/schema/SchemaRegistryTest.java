package dev.seedling.eval.ie.schema;

import dev.seedling.eval.ie.IeFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRegistryTest {
    private final SchemaRegistry schema = IeFixture.schema();

    @Test
    void labelsInEveryLanguageResolveToOneCanonicalClass() {
        assertThat(schema.resolve("人物")).get().extracting(ClassDef::name).isEqualTo("Person");
        assertThat(schema.resolve("사람")).get().extracting(ClassDef::name).isEqualTo("Person");
        assertThat(schema.resolve("Person")).get().extracting(ClassDef::name).isEqualTo("Person");
        assertThat(schema.resolve("机构")).get().extracting(ClassDef::name).isEqualTo("Organization");
    }

    @Test
    void normalisedNamesResolveLikeKnowCodersNormName() {
        assertThat(schema.resolve("located_in")).get().extracting(ClassDef::name).isEqualTo("LocatedIn");
        assertThat(schema.resolve(" PERSON ")).get().extracting(ClassDef::name).isEqualTo("Person");
        assertThat(schema.resolve("Politician")).isEmpty();
        assertThat(schema.canonical("Politician")).isEqualTo("Politician");
    }

    @Test
    void resolutionByKindRejectsAClassOfAnotherKind() {
        assertThat(schema.resolve("LocatedIn", ClassKind.ENTITY)).isEmpty();
        assertThat(schema.resolve("位于", ClassKind.RELATION)).isPresent();
    }

    @Test
    void lineageRunsFromRootToClass() {
        ClassDef city = schema.byName("City").orElseThrow();

        assertThat(schema.lineage(city)).extracting(ClassDef::name).containsExactly("Location", "City");
    }

    @Test
    void aLabelClaimedByTwoClassesIsRejected() {
        ClassDef a = new ClassDef("A", null, ClassKind.ENTITY, "", List.of(), List.of(), List.of(), List.of(),
                List.of("x"));
        ClassDef b = new ClassDef("B", null, ClassKind.ENTITY, "", List.of(), List.of(), List.of(), List.of(),
                List.of("X"));

        assertThatThrownBy(() -> SchemaRegistry.of(List.of(a, b))).isInstanceOf(SchemaException.class)
                .hasMessageContaining("resolves to both A and B");
    }

    @Test
    void aParentCycleOrAParentOfAnotherKindIsRejected() {
        ClassDef a = new ClassDef("A", "B", ClassKind.ENTITY, "", List.of(), List.of(), List.of(), List.of(),
                List.of());
        ClassDef b = new ClassDef("B", "A", ClassKind.ENTITY, "", List.of(), List.of(), List.of(), List.of(),
                List.of());
        ClassDef ev = new ClassDef("E", "A", ClassKind.EVENT, "", List.of(), List.of(), List.of(), List.of(),
                List.of());

        assertThatThrownBy(() -> SchemaRegistry.of(List.of(a, b))).hasMessageContaining("cyclic");
        assertThatThrownBy(() -> SchemaRegistry.of(List.of(ClassDef.entity("A", "", List.of()), ev)))
                .hasMessageContaining("class E (kind event) has parent A of kind entity");
    }

    @Test
    void aRelationArgumentMustBeAnEntityClass() {
        ClassDef rel = new ClassDef("R", null, ClassKind.RELATION, "", List.of(), List.of(), List.of("Nope"),
                List.of(), List.of());

        assertThatThrownBy(() -> SchemaRegistry.of(List.of(rel))).hasMessageContaining("argument type Nope");
    }
}
