package dev.seedling.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code seedling serve}: an OpenAI-compatible HTTP server for a model directory, on loopback by default. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a model over an OpenAI-compatible HTTP API (/v1/models, /v1/completions, "
                + "/v1/chat/completions with streaming).")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--model", required = true, description = "model directory")
    Path model;
    @Option(names = "--port", description = "default ${DEFAULT-VALUE}")
    int port = 8080;
    @Option(names = "--host", description = "address to bind (default ${DEFAULT-VALUE}: loopback only)")
    String host = "127.0.0.1";
    @Option(names = "--threads", description = "concurrent requests (default ${DEFAULT-VALUE})")
    int threads = 2;
    @Option(names = "--fit-context", description = "cut prompts longer than the model's context to their last tokens"
            + " instead of refusing them (for evaluation prompts on small models)")
    boolean fitContext;

    @Override
    public Integer call() throws Exception {
        CompletionServer server = new CompletionServer(LoadedModel.load(model), host, port, threads, fitContext);
        server.start();
        System.out.println("serving " + model + " at http://" + host + ":" + server.port() + "/v1 (Ctrl-C stops)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        Thread.currentThread().join();
        return 0;
    }
}
