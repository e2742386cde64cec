package dev.seedling.data.vqa;

import java.util.ArrayList;
import java.util.List;

/**
 * A SimpleVQA category code, a {@link VqaTask} or a {@link VqaTopic}: the code as printed in the paper's tables and
 * the labels that denote it, as {@link VqaCategoryMapping#defaults()} reads them.
 */
public sealed interface VqaCode permits VqaTask, VqaTopic {
    /** The enum constant's name. */
    String name();

    /** The code as printed in the paper's tables, e.g. {@code QPR} or {@code CHC}. */
    default String code() {
        return name();
    }

    /** The English name, e.g. {@code Logic & Science}. */
    String englishName();

    /** Chinese labels for the code (our translations, not the paper's published labels). */
    List<String> chineseAliases();

    /** Every label that denotes this code: the code, the English name and the Chinese aliases, in that order. */
    default List<String> labels() {
        List<String> all = new ArrayList<>();
        all.add(code());
        all.add(englishName());
        all.addAll(chineseAliases());
        return List.copyOf(all);
    }
}
