package dev.seedling.data.vqa;

import java.util.Locale;

/** The language of a SimpleVQA item, as in the dataset's {@code language} column. */
public enum VqaLanguage {
    /** Chinese ({@code "CN"}; {@code "ZH"} and {@code "zh-CN"} are accepted too). */
    CN,
    /** English. */
    EN;

    /**
     * Parses a language label, case-insensitively.
     *
     * @throws IllegalArgumentException naming the label when it is neither Chinese nor English
     */
    public static VqaLanguage parse(String label) {
        String l = label == null ? "" : label.strip().toUpperCase(Locale.ROOT);
        return switch (l) {
            case "CN", "ZH", "ZH-CN", "ZH_CN", "CHINESE", "中文" -> CN;
            case "EN", "EN-US", "EN_US", "ENGLISH", "英文" -> EN;
            default -> throw new IllegalArgumentException("unknown language '" + label + "' (expected CN or EN)");
        };
    }
}
