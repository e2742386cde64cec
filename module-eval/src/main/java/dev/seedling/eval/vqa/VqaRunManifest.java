package dev.seedling.eval.vqa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a run's results depend on, written to {@code run.json}: the dataset and its hash, the model and judge, the
 * judge choice and the SHA-256 of every prompt template. A resumed run must match it exactly, so that one results file
 * never mixes answers from different data, models or wordings.
 *
 * @param dataset       the data file as given
 * @param datasetSha256 {@link dev.seedling.data.vqa.VqaDataset#sha256()}
 * @param items         number of items
 * @param model         {@link dev.seedling.eval.chat.ChatModel#name()} of the model under test
 * @param judge         name of the judge model
 * @param judgeChoice   which judge prompt grades which item
 * @param prompts       prompt id → SHA-256 of its text, in a stable order
 */
public record VqaRunManifest(String dataset, String datasetSha256, int items, String model, String judge,
        JudgeChoice judgeChoice, Map<String, String> prompts) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public VqaRunManifest {
        Objects.requireNonNull(datasetSha256, "datasetSha256");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(judgeChoice, "judgeChoice");
        prompts = Collections.unmodifiableMap(new LinkedHashMap<>(prompts));
    }

    /**
     * The first difference that forbids resuming a run made under {@code earlier}, or null when this run may continue
     * it. The dataset path may differ (a moved file); its hash may not.
     */
    public String incompatibilityWith(VqaRunManifest earlier) {
        if (!datasetSha256.equals(earlier.datasetSha256)) {
            return "dataset hash " + earlier.datasetSha256 + " (" + earlier.dataset + ") vs " + datasetSha256 + " ("
                    + dataset + ")";
        }
        if (!model.equals(earlier.model)) {
            return "model " + earlier.model + " vs " + model;
        }
        if (!judge.equals(earlier.judge)) {
            return "judge " + earlier.judge + " vs " + judge;
        }
        if (judgeChoice != earlier.judgeChoice) {
            return "judge prompt choice " + earlier.judgeChoice + " vs " + judgeChoice;
        }
        for (Map.Entry<String, String> e : prompts.entrySet()) {
            String before = earlier.prompts.get(e.getKey());
            if (before != null && !before.equals(e.getValue())) {
                return "prompt " + e.getKey() + " text (sha256 " + before + " vs " + e.getValue() + ")";
            }
        }
        return null;
    }

    /** The manifest as a JSON object. */
    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("dataset", dataset).put("dataset_sha256", datasetSha256).put("items", items).put("model", model)
                .put("judge", judge).put("judge_choice", judgeChoice.name());
        ObjectNode p = n.putObject("prompts");
        prompts.forEach(p::put);
        return n;
    }

    /**
     * Reads {@code run.json}.
     *
     * @throws UncheckedIOException naming the file when it cannot be read or lacks a field
     */
    public static VqaRunManifest read(Path file) {
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(file));
            Map<String, String> prompts = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.path("prompts").properties()) {
                prompts.put(e.getKey(), e.getValue().asText());
            }
            return new VqaRunManifest(n.path("dataset").asText(), n.required("dataset_sha256").asText(),
                    n.path("items").asInt(), n.required("model").asText(), n.required("judge").asText(),
                    JudgeChoice.valueOf(n.required("judge_choice").asText()), prompts);
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("cannot read run manifest " + file + ": "
                    + e.getMessage(), e));
        }
    }

    /** Writes the manifest (pretty-printed) to {@code file}. */
    public void write(Path file) {
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
