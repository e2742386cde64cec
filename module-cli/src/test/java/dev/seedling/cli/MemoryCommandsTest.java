package dev.seedling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryCommandsTest {

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(SeedlingCli.run(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void benchDecodeReportsOneLinePerModel() {
        String out = run("bench", "decode", "--model", "dense,dense", "--prompt", "2", "--tokens", "2",
                "--repeats", "1");
        assertThat(out.lines().filter(l -> l.startsWith("seedling decode model=dense ")).count()).isEqualTo(2);
        assertThat(out).contains("ms_per_token=");
    }

    @Test
    void ultraMemExperimentWritesTableCurvesAndPlot(@TempDir Path dir) throws IOException {
        run("experiment", "ultramem", "--steps", "2", "--eval-every", "2", "--batch", "2", "--seq", "16",
                "--models", "dense,ultramem", "--out", dir.toString());
        assertThat(Files.readString(dir.resolve("ultramem-table.md"))).contains("| ultramem |").contains("| dense |");
        assertThat(Files.readAllLines(dir.resolve("ultramem-curves.csv"))).hasSize(1 + 2);
        assertThat(Files.readString(dir.resolve("ultramem.svg"))).startsWith("<svg").contains("<polyline");
    }
}
