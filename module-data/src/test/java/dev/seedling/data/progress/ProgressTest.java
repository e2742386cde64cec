package dev.seedling.data.progress;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    @Test
    void drawsABarOnATerminalAndEndsAtTheTotal() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        long[] now = {0};
        Progress p = new Progress("tokenising", 200, "B", new PrintStream(buf, true, StandardCharsets.UTF_8),
                () -> now[0]);
        p.advance(50);
        now[0] += 1_000_000_000L;
        p.advance(150);
        p.close();
        p.close();
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\rtokenising [").contains(" 25.0% 50/200 B").contains("100.0% 200/200 B")
                .contains("[" + "#".repeat(30) + "]").endsWith(System.lineSeparator());
        assertThat(out.split("\r")).hasSize(4); // two throttled redraws plus the final one
        assertThat(p.done()).isEqualTo(200);
    }

    @Test
    void withoutATerminalItLogsInsteadOfDrawing() {
        Progress p = new Progress("quiet", 10, "B", null, System::nanoTime);
        p.advance(10);
        p.close();
        assertThat(p.done()).isEqualTo(10);
    }
}
