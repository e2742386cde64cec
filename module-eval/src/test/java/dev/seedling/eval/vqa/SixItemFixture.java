package dev.seedling.eval.vqa;

import dev.seedling.data.vqa.SimpleVqaLoader;
import dev.seedling.data.vqa.VqaDataset;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.chat.ScriptedChatModel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * The spec's six-item fixture: 3 CN and 3 EN items with a 1×1 PNG; a scripted model whose answers the scripted judge
 * grades 3 CORRECT, 2 INCORRECT, 1 NOT_ATTEMPTED. The model answers with the gold answer, a wrong one or a refusal, and
 * the judge grades by comparing the prediction with the gold answer it is shown, so the grades follow from the items.
 */
final class SixItemFixture {
    /** id → the model's reply to the item's question. */
    static final Map<String, String> REPLIES = Map.of(
            "1", "北京", "2", "上海", "3", "我无法识别图中的人物",
            "4", "1961", "5", "Mount Fuji", "6", "Paris");

    private SixItemFixture() {
    }

    /** Writes the items (JSONL plus one PNG) into {@code dir} and loads them. */
    static VqaDataset write(Path dir) {
        try {
            Files.write(dir.resolve("pixel.png"), png());
            List<String> lines = List.of(
                    item("1", "CN", "图中建筑位于哪个城市？", "北京", "LB", "CHC", "图中建筑是什么？", "天坛"),
                    item("2", "CN", "图中人物出生在哪个城市？", "杭州", "PE", "CS", null, null),
                    item("3", "CN", "图中人物是谁？", "鲁迅", "PE", "LES", null, null),
                    item("4", "EN", "In which year was the person in the image born?", "1961", "TE", "CS",
                            "Who is the person in the image?", "Barack Obama"),
                    item("5", "EN", "What is the highest mountain in this country?", "Mount Everest", "LB", "NS",
                            null, null),
                    item("6", "EN", "Which city is the building in?", "Paris", "LB", "EHC", null, null));
            Path data = dir.resolve("items.jsonl");
            Files.writeString(data, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return new SimpleVqaLoader().load(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String item(String id, String lang, String q, String a, String task, String topic, String aq,
            String af) {
        return "{\"data_id\":" + id + ",\"language\":\"" + lang + "\",\"question\":\"" + q + "\",\"answer\":\"" + a
                + "\",\"vqa_category\":{\"task\":\"" + task + "\",\"topic\":\"" + topic + "\"}"
                + (aq == null ? "" : ",\"atomic_question\":\"" + aq + "\",\"atomic_fact\":\"" + af + "\"")
                + ",\"image_path\":\"pixel.png\"}";
    }

    static byte[] png() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** The question text inside an answer request (between the template's square brackets). */
    static String question(ChatRequest request) {
        String text = request.messages().get(0).text();
        return text.substring(text.indexOf('[') + 1, text.lastIndexOf(']'));
    }

    /** The model: replies by question; answers calibration prompts with JSON and a confidence of 80. */
    static ScriptedChatModel model() {
        return ScriptedChatModel.replying("scripted-vlm", SixItemFixture::reply);
    }

    static String reply(ChatRequest request) {
        String q = question(request);
        String text = request.messages().get(0).text();
        String answer = replyTo(q);
        return text.contains("confidence_score") ? "{\"answer\": \"" + answer + "\", \"confidence_score\": 80}"
                : answer;
    }

    static String replyTo(String question) {
        return switch (question) {
            case "图中建筑位于哪个城市？" -> REPLIES.get("1");
            case "图中人物出生在哪个城市？" -> REPLIES.get("2");
            case "图中人物是谁？" -> REPLIES.get("3");
            case "In which year was the person in the image born?" -> REPLIES.get("4");
            case "What is the highest mountain in this country?" -> REPLIES.get("5");
            case "Which city is the building in?" -> REPLIES.get("6");
            case "图中建筑是什么？" -> "祈年殿";
            case "Who is the person in the image?" -> "Joe Biden";
            default -> question.startsWith("图中建筑位于哪个城市？（提示") ? "上海" : "unknown";
        };
    }

    /**
     * A judge that reads the gold answer and prediction from either judge prompt and grades: prediction equals gold
     * (or is the 天坛 alias 祈年殿) → correct; contains 无法 → not attempted; else incorrect.
     */
    static ScriptedChatModel judge() {
        return ScriptedChatModel.replying("scripted-judge", SixItemFixture::judgeReply);
    }

    static String judgeReply(ChatRequest request) {
        String text = request.messages().get(0).text();
        boolean cn = text.contains("标准答案：");
        String gold = between(text, cn ? "标准答案：" : "Gold target: ", "\n");
        String pred = cn ? between(text, "预测答案0：", "\n") : between(text, "Predicted answer: ", "\n");
        Grade g = pred.equals(gold) || (gold.equals("天坛") && pred.equals("祈年殿")) ? Grade.CORRECT
                : pred.contains("无法") ? Grade.NOT_ATTEMPTED : Grade.INCORRECT;
        return cn ? "```json\n{\"预测答案0\": \"" + g.chineseLabel() + "\"}\n```" : g.letter();
    }

    private static String between(String text, String start, String end) {
        int s = text.indexOf(start) + start.length();
        int e = text.indexOf(end, s);
        return text.substring(s, e < 0 ? text.length() : e).strip();
    }

    /** A model that works for its first {@code working} calls and then fails like an endpoint gone down. */
    static ScriptedChatModel failingAfter(int working, List<String> askedQuestions) {
        AtomicInteger calls = new AtomicInteger();
        List<String> asked = askedQuestions == null ? new ArrayList<>() : askedQuestions;
        return ScriptedChatModel.replying("scripted-vlm", request -> {
            if (calls.incrementAndGet() > working) {
                throw new ChatModelException("scripted-vlm: HTTP 503 after 3 attempts", true);
            }
            asked.add(question(request));
            return reply(request);
        });
    }
}
