package dev.seedling.eval.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Locale;

/** Request and response bodies of the OpenAI chat-completions API. Package-private. */
final class OpenAiWireFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiWireFormat() {
    }

    /**
     * The JSON body for {@code request}. A message made only of text is sent with a plain string content (accepted by
     * every compatible server); a message with images uses the parts form, each image as a base64 data URL.
     */
    static String requestBody(String model, ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            ObjectNode msg = messages.addObject();
            msg.put("role", m.role().name().toLowerCase(Locale.ROOT));
            boolean textOnly = m.parts().stream().allMatch(p -> p instanceof ContentPart.Text);
            if (textOnly) {
                msg.put("content", m.text());
                continue;
            }
            ArrayNode content = msg.putArray("content");
            for (ContentPart p : m.parts()) {
                switch (p) {
                    case ContentPart.Text t -> content.addObject().put("type", "text").put("text", t.text());
                    case ContentPart.Image img -> content.addObject().put("type", "image_url")
                            .putObject("image_url").put("url", dataUrl(img));
                }
            }
        }
        body.put("temperature", request.temperature());
        body.put("max_tokens", request.maxTokens());
        if (request.seed() != null) {
            body.put("seed", request.seed());
        }
        return body.toString();
    }

    static String dataUrl(ContentPart.Image img) {
        return "data:" + img.mimeType() + ";base64," + Base64.getEncoder().encodeToString(img.bytes());
    }

    /**
     * Reads {@code choices[0].message.content} (a string, or an array of text parts as some servers send) and the
     * usage counts.
     *
     * @throws IllegalArgumentException when the body is not a chat-completions response
     */
    static ChatResponse parseResponse(String body, String requestedModel) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("response is not JSON: " + e.getMessage());
        }
        JsonNode content = root.path("choices").path(0).path("message").path("content");
        String text;
        if (content.isTextual()) {
            text = content.asText();
        } else if (content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                sb.append(part.path("text").asText(""));
            }
            text = sb.toString();
        } else if (content.isNull() && root.path("choices").path(0).has("message")) {
            text = "";
        } else {
            throw new IllegalArgumentException("response has no choices[0].message.content");
        }
        String model = root.path("model").asText(requestedModel);
        JsonNode usage = root.path("usage");
        return new ChatResponse(text, model, usage.path("prompt_tokens").asInt(-1),
                usage.path("completion_tokens").asInt(-1));
    }
}
