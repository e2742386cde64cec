package dev.seedling.data.vqa;

import java.util.List;

/**
 * The 9 SimpleVQA topics (subject areas) with the codes of the paper's tables. The Chinese aliases are our
 * translations; real labels are mapped by {@link VqaCategoryMapping}.
 */
public enum VqaTopic implements VqaCode {
    LES("Literature, Education & Sports", List.of("文学、教育与体育", "文学教育体育", "文学")),
    EHC("Euro-American History & Culture", List.of("欧美历史文化", "欧美历史与文化")),
    CS("Contemporary Society", List.of("当代社会")),
    ETA("Engineering, Technology & Application", List.of("工程、技术与应用", "工程技术应用", "工程技术")),
    FTM("Film, TV & Media", List.of("影视与传媒", "影视传媒")),
    NS("Natural Science", List.of("自然科学")),
    AR("Art", List.of("艺术")),
    CHC("Chinese History & Culture", List.of("中华文化", "中国历史文化", "中国历史与文化")),
    LI("Life", List.of("生活"));

    private final String englishName;
    private final List<String> chineseAliases;

    VqaTopic(String englishName, List<String> chineseAliases) {
        this.englishName = englishName;
        this.chineseAliases = chineseAliases;
    }

    @Override
    public String englishName() {
        return englishName;
    }

    @Override
    public List<String> chineseAliases() {
        return chineseAliases;
    }
}
