package dev.seedling.eval.ie;

import dev.seedling.eval.ie.data.KnowCoderGoldLoader;
import dev.seedling.eval.ie.schema.SchemaLoader;
import dev.seedling.eval.ie.schema.SchemaRegistry;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The spec's AlignXIE fixture: 3 English and 3 Chinese sentences, PER/LOC/ORG, LocatedIn and Marriage. */
public final class IeFixture {
    private IeFixture() {
    }

    public static Path resource(String name) {
        try {
            return Path.of(IeFixture.class.getResource("/ie/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SchemaRegistry schema() {
        return SchemaLoader.load(resource("fixture/schema.json"));
    }

    public static List<AnnotatedSentence> gold() {
        return KnowCoderGoldLoader.load(resource("fixture/gold.jsonl"), "und");
    }

    /** The key a scripted model uses to recognise a KnowCoder prompt for {@code sentence}. */
    public static String key(String sentence) {
        return "sentence = \"" + sentence + "\"";
    }
}
