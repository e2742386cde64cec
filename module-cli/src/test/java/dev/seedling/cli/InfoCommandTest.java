package dev.seedling.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class InfoCommandTest {

    @Test
    void infoPrintsJavaVectorSpeciesBackendsAndTheChoice() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = SeedlingCli.run("info");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(out).contains("Java: ").contains("Vector API").contains("opencl")
                .contains("Chosen: cpu").contains("Why: ");
    }

    @Test
    void unknownCommandFailsWithUsage() {
        assertThat(SeedlingCli.run("no-such-command")).isNotZero();
    }
}
