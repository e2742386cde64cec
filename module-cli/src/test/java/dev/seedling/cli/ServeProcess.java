package dev.seedling.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code seedling serve} process: a child JVM started with this test's class path, serving a model directory
 * on 127.0.0.1 at a free port. Ready once it prints its URL; {@link #close} kills it.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/v1)");
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final String baseUrl;

    ServeProcess(Path modelDir, String... extraArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), SeedlingCli.class.getName(),
                "serve", "--model", modelDir.toString(), "--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(extraArgs));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // even if the tests die
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.append(line).append('\n');
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        ready.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
            ready.complete(null);
        }, "seedling-serve-output");
        reader.setDaemon(true);
        reader.start();
        String url;
        try {
            url = ready.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            url = null;
        }
        if (url == null) {
            close();
            throw new IllegalStateException("seedling serve did not become ready; its output:\n" + output);
        }
        baseUrl = url;
    }

    /** The API root, e.g. {@code http://127.0.0.1:41234/v1}. */
    String baseUrl() {
        return baseUrl;
    }

    String output() {
        return output.toString();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
