package dev.seedling.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class BenchFmaCommandTest {
    private static final Pattern LINE = Pattern.compile(
            "seedling fma threads=(\\d+) gflops=([\\d.]+) slowest_thread_gflops=([\\d.]+) lanes=(\\d+) millis=20");

    @Test
    void reportsOneThreadThenAllThreadsWithTheirSlowest() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(SeedlingCli.run("bench", "fma", "--threads", "3", "--millis", "20")).isZero();
        } finally {
            System.setOut(old);
        }
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        Matcher one = LINE.matcher(lines.get(0));
        Matcher three = LINE.matcher(lines.get(1));
        assertThat(one.matches()).as(lines.get(0)).isTrue();
        assertThat(three.matches()).as(lines.get(1)).isTrue();
        assertThat(one.group(1)).isEqualTo("1");
        assertThat(three.group(1)).isEqualTo("3");
        assertThat(Double.parseDouble(one.group(2))).isPositive().isEqualTo(Double.parseDouble(one.group(3)));
        double total = Double.parseDouble(three.group(2));
        double slowest = Double.parseDouble(three.group(3));
        assertThat(slowest).isPositive().isLessThanOrEqualTo(total / 3 + 1e-9);
        assertThat(Integer.parseInt(one.group(4))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusesANonPositiveThreadCount() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(SeedlingCli.run("bench", "fma", "--threads", "0")).isNotZero();
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bench fma: --threads and --millis must be positive");
    }
}
