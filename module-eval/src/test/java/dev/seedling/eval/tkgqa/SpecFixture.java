package dev.seedling.eval.tkgqa;

import dev.seedling.data.tkg.CronKgLoader;
import dev.seedling.data.tkg.MultiTqKgLoader;
import dev.seedling.data.tkg.TemporalKg;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The fixture TKGs of spec part 3(e), copied verbatim into test resources and read through the real loaders. */
public final class SpecFixture {
    private SpecFixture() {
    }

    /** The eight MultiTQ-style facts. */
    public static TemporalKg multiTq() {
        return MultiTqKgLoader.load(resource("fixture-multitq.tsv"));
    }

    /** The two CronQuestions-style facts (Blair and Brown as PM_UK). */
    public static TemporalKg cron() {
        return CronKgLoader.load(resource("fixture-cron.tsv"));
    }

    /** A test resource of this package as a path. */
    public static Path resource(String name) {
        try {
            return Path.of(SpecFixture.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
