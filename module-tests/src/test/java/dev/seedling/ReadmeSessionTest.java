package dev.seedling;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's jshell session is the script CI runs; this keeps the two from drifting apart. */
class ReadmeSessionTest {

    @Test
    void readmeJshellLinesEqualTheScriptCiRuns() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> readme = Files.readAllLines(root.resolve("README.md")).stream()
                .filter(l -> l.startsWith("jshell> ")).map(l -> l.substring("jshell> ".length())).toList();
        List<String> script = Files.readAllLines(root.resolve("docs/examples/quickstart.jsh")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("/")).toList();
        assertThat(readme).isNotEmpty().isEqualTo(script);
    }
}
