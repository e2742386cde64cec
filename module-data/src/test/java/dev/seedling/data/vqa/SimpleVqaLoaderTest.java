package dev.seedling.data.vqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleVqaLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void jsonlAcceptsPathBase64DataUrlAndHuggingFaceImageShapes() throws Exception {
        byte[] png = FixtureImages.png(0x112233);
        byte[] jpeg = FixtureImages.jpeg(0x445566);
        Files.createDirectories(dir.resolve("img"));
        Files.write(dir.resolve("img/7.png"), png);
        String b64 = Base64.getEncoder().encodeToString(jpeg);
        Path data = write("items.jsonl", String.join("\n",
                "{\"data_id\":7,\"language\":\"EN\",\"question\":\"Who?\",\"answer\":\"Obama\",\"image_path\":\"img/7.png\"}",
                "{\"data_id\":8,\"language\":\"CN\",\"question\":\"谁?\",\"answer\":\"奥巴马\",\"image\":\"" + b64 + "\"}",
                "",
                "{\"data_id\":9,\"language\":\"EN\",\"question\":\"Q\",\"answer\":\"A\",\"image\":\"data:image/jpeg;base64,"
                        + b64 + "\"}",
                "{\"data_id\":10,\"language\":\"EN\",\"question\":\"Q\",\"answer\":\"A\",\"image\":{\"bytes\":\"" + b64
                        + "\",\"path\":null}}",
                "{\"data_id\":11,\"language\":\"EN\",\"question\":\"Q\",\"answer\":\"A\",\"image\":\"img/7.png\"}"));

        VqaDataset ds = new SimpleVqaLoader().load(data);

        assertThat(ds.items()).extracting(VqaItem::id).containsExactly("7", "8", "9", "10", "11");
        assertThat(ds.items().get(0).image()).isInstanceOf(VqaImage.OnDisk.class);
        assertThat(ds.items().get(0).image().bytes()).isEqualTo(png);
        assertThat(ds.items().get(0).image().mimeType()).isEqualTo("image/png");
        assertThat(ds.items().get(1).language()).isEqualTo(VqaLanguage.CN);
        assertThat(ds.items().subList(1, 4)).allSatisfy(item -> {
            assertThat(item.image().bytes()).isEqualTo(jpeg);
            assertThat(item.image().mimeType()).isEqualTo("image/jpeg");
        });
        assertThat(ds.items().get(4).image()).isInstanceOf(VqaImage.OnDisk.class);
        assertThat(ds.sha256()).hasSize(64);
    }

    @Test
    void jsonArrayResolvesCategoryCodesAndKeepsRawLabels() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(FixtureImages.png(0));
        Path data = write("items.json", "[\n"
                + "{\"data_id\":1,\"language\":\"EN\",\"question\":\"In which year was the person born?\",\"answer\":\"1961\","
                + "\"atomic_question\":\"Who is the person in the image?\",\"atomic_fact\":\"Barack Obama\","
                + "\"vqa_category\":{\"task\":\"TE\",\"topic\":\"CS\"},\"image\":\"" + b64 + "\"},\n"
                + "{\"data_id\":2,\"language\":\"CN\",\"question\":\"q\",\"answer\":\"a\",\"original_category\":\"中华文化_中医\","
                + "\"vqa_category\":\"{'task_category': 'Logic and Science', 'subject_category': '自创标签', "
                + "'entity_class': '药材'}\",\"image\":\"" + b64 + "\"}\n]");

        VqaDataset ds = new SimpleVqaLoader().load(data);

        VqaItem first = ds.items().get(0);
        assertThat(first.category().task()).isEqualTo(VqaTask.TE);
        assertThat(first.category().topic()).isEqualTo(VqaTopic.CS);
        assertThat(first.hasAtomicProbe()).isTrue();
        VqaCategory second = ds.items().get(1).category();
        assertThat(second.rawTask()).isEqualTo("Logic and Science");
        assertThat(second.task()).isEqualTo(VqaTask.LS);
        assertThat(second.rawTopic()).isEqualTo("自创标签");
        assertThat(second.topic()).isNull(); // an unmapped raw topic is kept, not guessed from original_category
        assertThat(second.rawEntityClass()).isEqualTo("药材");
    }

    @Test
    void originalCategoryPrefixGivesTheTopicWhenNoneIsLabelled() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(FixtureImages.png(0));
        Path data = write("items.jsonl", "{\"data_id\":1,\"language\":\"CN\",\"question\":\"q\",\"answer\":\"a\","
                + "\"original_category\":\"中华文化_中医\",\"image\":\"" + b64 + "\"}");

        assertThat(new SimpleVqaLoader().load(data).items().get(0).category().topic()).isEqualTo(VqaTopic.CHC);
    }

    @Test
    void everyMalformedItemIsReportedWithFileLineAndId() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(FixtureImages.png(0));
        Files.writeString(dir.resolve("notes.png"), "this is text, not an image");
        Path data = write("bad.jsonl", String.join("\n",
                "{\"data_id\":1,\"language\":\"EN\",\"question\":\"q\",\"image\":\"" + b64 + "\"}",
                "{\"data_id\":2,\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\",\"image_path\":\"notes.png\"}",
                "{\"data_id\":3,\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\",\"image_path\":\"gone.png\"}",
                "{\"data_id\":4,\"language\":\"FR\",\"question\":\"q\",\"answer\":\"a\",\"image\":\"" + b64 + "\"}",
                "{\"data_id\":5,\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\",\"image\":\"https://x/y.png\"}",
                "{\"data_id\":6,\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\",\"image\":\"" + b64 + "\"}",
                "{\"data_id\":6,\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\",\"image\":\"" + b64 + "\"}",
                "{\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\"}"));

        assertThatThrownBy(() -> new SimpleVqaLoader().load(data))
                .isInstanceOf(VqaDataException.class)
                .satisfies(e -> assertThat(((VqaDataException) e).problems()).containsExactly(
                        "bad.jsonl:1: item 1: missing answer",
                        "bad.jsonl:2: item 2: image file " + dir.resolve("notes.png")
                                + " is not a PNG, JPEG, GIF, WebP or BMP image",
                        "bad.jsonl:3: item 3: image file not found: " + dir.resolve("gone.png"),
                        "bad.jsonl:4: item 4: unknown language 'FR' (expected CN or EN)",
                        "bad.jsonl:5: item 5: image is a remote URL; download it and give a path (runs never fetch)",
                        "bad.jsonl:7: item 6: duplicate data_id (an earlier item has the same id)",
                        "bad.jsonl:8: item ?: missing data_id",
                        "bad.jsonl:8: item ?: missing image (image, image_path or image_base64)"))
                .hasMessageStartingWith("8 problems in " + data);
    }

    @Test
    void lineThatIsNotJsonIsReportedWithItsNumber() throws Exception {
        Path data = write("broken.jsonl", "{\"data_id\":1}\n{\"data_id\":2,\n");

        assertThatThrownBy(() -> new SimpleVqaLoader().load(data))
                .isInstanceOf(VqaDataException.class)
                .hasMessageContaining("broken.jsonl:2: not a JSON object");
    }

    @Test
    void datasetHashCoversReferencedImageFiles() throws Exception {
        Files.write(dir.resolve("a.png"), FixtureImages.png(0x000000));
        Path data = write("items.jsonl",
                "{\"data_id\":1,\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\",\"image_path\":\"a.png\"}");
        String before = new SimpleVqaLoader().load(data).sha256();
        Files.write(dir.resolve("a.png"), FixtureImages.png(0xFFFFFF));

        assertThat(new SimpleVqaLoader().load(data).sha256()).isNotEqualTo(before);
    }

    @Test
    void byteOrderMarkAndWindowsLineEndingsAreAccepted() throws Exception {
        String b64 = Base64.getEncoder().encodeToString(FixtureImages.png(0));
        String item = "{\"data_id\":%d,\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\",\"image\":\"" + b64 + "\"}";
        Path data = write("bom.jsonl", "\uFEFF" + item.formatted(1) + "\r\n" + item.formatted(2) + "\r\n");

        assertThat(new SimpleVqaLoader().load(data).items()).extracting(VqaItem::id).containsExactly("1", "2");
    }

    private static String item(int id) {
        return "{\"data_id\":" + id + ",\"language\":\"EN\",\"question\":\"q\",\"answer\":\"a\",\"image\":\""
                + Base64.getEncoder().encodeToString(FixtureImages.png(0)) + "\"}";
    }

    @Test
    void aJsonlLineWithTwoValuesOrTrailingTextIsRefused() throws Exception {
        Path two = write("two.jsonl", item(1) + "\n" + item(2) + item(3) + "\n");
        assertThatThrownBy(() -> new SimpleVqaLoader().load(two))
                .isInstanceOf(VqaDataException.class).hasMessageContaining("two.jsonl:2: not a JSON object");
        Path trailing = write("trailing.jsonl", item(1) + " x\n");
        assertThatThrownBy(() -> new SimpleVqaLoader().load(trailing))
                .isInstanceOf(VqaDataException.class).hasMessageContaining("trailing.jsonl:1: not a JSON object");
    }

    @Test
    void textAfterTheJsonArrayIsRefused() throws Exception {
        Path two = write("two.json", "[" + item(1) + "]\n [" + item(2) + "]\n");
        assertThatThrownBy(() -> new SimpleVqaLoader().load(two))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("two.json:2: text after the JSON array at byte offset " + (item(1).length() + 4));
        Path garbage = write("garbage.json", "[" + item(1) + "] x");
        assertThatThrownBy(() -> new SimpleVqaLoader().load(garbage))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("garbage.json");
        assertThat(new SimpleVqaLoader().load(write("spaces.json", "[" + item(1) + "]\n \n")).items()).hasSize(1);
    }

    @Test
    void invalidUtf8IsReportedWithFileLineAndByteOffset() throws Exception {
        String text = item(1) + "\n" + item(2).replace("\"q\"", "\"q\u00e9\"") + "\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int at = item(1).length() + 1 + item(2).indexOf("\"q\"") + 2; // the first byte of 'é'
        bytes[at] = (byte) 0xFF;
        Path jsonl = dir.resolve("bad.jsonl");
        Files.write(jsonl, bytes);
        assertThatThrownBy(() -> new SimpleVqaLoader().load(jsonl))
                .isInstanceOf(VqaDataException.class)
                .hasMessageContaining("bad.jsonl:2: invalid UTF-8 at byte offset " + at);
        byte[] array = ("[" + text.replace("}\n{", "},\n{") + "]").getBytes(StandardCharsets.UTF_8);
        array[at + 2] = (byte) 0xFF; // after the '[' and the ',' that line 1 now ends with
        Path json = dir.resolve("bad.json");
        Files.write(json, array);
        assertThatThrownBy(() -> new SimpleVqaLoader().load(json))
                .isInstanceOf(VqaDataException.class)
                .hasMessageContaining("bad.json:2: invalid UTF-8 at byte offset " + (at + 2));
    }
}
