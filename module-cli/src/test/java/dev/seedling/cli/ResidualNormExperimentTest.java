package dev.seedling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code seedling experiment residual-norm} end to end with one variant and two steps. */
class ResidualNormExperimentTest {
    @TempDir
    Path dir;

    @Test
    void writesTablesPlotsAndKeepsTheDiscussion() throws Exception {
        Path report = dir.resolve("residual-norm.md");
        Files.writeString(report, "old results\n" + ResidualNormExperiment.MARKER + "\n\n## Discussion\nkept\n");
        int rc = SeedlingCli.run("experiment", "residual-norm", "--steps", "2", "--timing-rounds", "1",
                "--out", report.toString(),
                "--only", "FC m=2 dynamic");
        assertThat(rc).isZero();
        String text = Files.readString(report);
        assertThat(text).doesNotContain("old results").contains("## Synthetic CFG corpus", "## Bundled text",
                "| FC m=2 dynamic |", "residual-norm-cfg.svg", "## Step time, interleaved", "kept");
        assertThat(Files.readString(dir.resolve("residual-norm-text.svg"))).startsWith("<svg").contains("polyline");
    }
}
