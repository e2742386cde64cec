package dev.seedling.eval.chat;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens a {@link ChatModel} from the one-string form used on the command line ({@code --model}, {@code --judge}).
 *
 * <h2>Syntax</h2>
 * <pre>
 *   http[s]://HOST[:PORT]/PATH#MODEL          e.g. http://127.0.0.1:8080/v1#qwen2.5-vl-7b
 *                                                  https://api.openai.com/v1#gpt-4o
 * </pre>
 * The part before {@code #} is the API root of an OpenAI-compatible server ({@code /chat/completions} is appended);
 * the fragment is the model name sent in each request (it may contain {@code /} and {@code :}, as in
 * {@code http://host/v1#Qwen/Qwen2.5-VL-7B-Instruct}). The key is read from {@code OPENAI_API_KEY}, or from the
 * variable named in {@link #open(String, String)}; other settings are {@link OpenAiChatConfig#of the defaults}.
 *
 * <p>A local Seedling model directory is not a URL and is refused here. In process, wrap it as
 * {@code new LocalChatModel(LocalModel.load(dir), name)} ({@link dev.seedling.eval.local.LocalChatModel}); the
 * {@code seedling} commands accept one as {@code --model} and serve it in process on loopback through this same
 * client; or serve it yourself with {@code seedling serve --model DIR} and pass its URL.
 */
public final class ChatModels {
    private ChatModels() {
    }

    /** {@link #open(String, String)} with the key read from {@code OPENAI_API_KEY}. */
    public static ChatModel open(String spec) {
        return open(spec, OpenAiChatConfig.DEFAULT_API_KEY_ENV);
    }

    /**
     * Opens the model named by {@code spec}, taking its API key from the environment variable {@code apiKeyEnv}.
     *
     * @throws IllegalArgumentException when {@code spec} is not an http(s) URL with a {@code #model} fragment; the
     *                                  message says what was found and what is expected
     */
    public static ChatModel open(String spec, String apiKeyEnv) {
        return new OpenAiChatModel(parse(spec).withApiKeyEnv(apiKeyEnv));
    }

    /** The client settings {@code spec} denotes, without opening anything (see the class comment for the syntax). */
    public static OpenAiChatConfig parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String s = spec.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty model spec; expected " + expected());
        }
        if (!(s.startsWith("http://") || s.startsWith("https://"))) {
            if (looksLikeDirectory(s)) {
                throw new IllegalArgumentException("cannot open model '" + s + "': it is a directory, not a URL;"
                        + " use LocalChatModel in process, pass it to a seedling command as --model, or serve it with"
                        + " `seedling serve --model DIR` and pass " + expected());
            }
            throw new IllegalArgumentException("cannot open model '" + s + "': expected " + expected());
        }
        int hash = s.indexOf('#');
        if (hash < 0 || hash == s.length() - 1) {
            throw new IllegalArgumentException("model spec '" + s + "' names no model: add '#MODEL' after the URL,"
                    + " e.g. " + s + "#gpt-4o");
        }
        String base = s.substring(0, hash);
        String model = s.substring(hash + 1);
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("model spec '" + s + "' has an invalid URL: " + e.getMessage());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("model spec '" + s + "' has no host; expected " + expected());
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("model spec for host " + uri.getHost() + " must not carry user info"
                    + " or a query; put the key in the environment variable instead");
        }
        return OpenAiChatConfig.of(uri, model);
    }

    private static boolean looksLikeDirectory(String s) {
        try {
            return Files.isDirectory(Path.of(s));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String expected() {
        return "http[s]://HOST[:PORT]/PATH#MODEL, e.g. http://127.0.0.1:8080/v1#model-name";
    }
}
