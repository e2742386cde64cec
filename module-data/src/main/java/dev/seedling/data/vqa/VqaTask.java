package dev.seedling.data.vqa;

import java.util.List;

/**
 * The 9 SimpleVQA task categories with the codes of the paper's tables. The Chinese aliases are our translations
 * (the paper's Chinese labels are not published with a mapping); real labels are mapped by
 * {@link VqaCategoryMapping}.
 */
public enum VqaTask implements VqaCode {
    LS("Logic & Science", List.of("逻辑与科学", "逻辑科学")),
    OIR("Object Identification Recognition", List.of("物体识别", "对象识别")),
    TE("Time & Event", List.of("时间与事件", "时间事件")),
    PE("Person & Emotion", List.of("人物与情感", "人物情感")),
    LB("Location & Building", List.of("地点与建筑", "地点建筑")),
    TP("Text Processing", List.of("文本处理", "文字处理")),
    QPR("Quantity & Position Relationship", List.of("数量与位置关系", "数量位置关系")),
    AC("Art & Culture", List.of("艺术与文化", "艺术文化")),
    OAR("Object Attributes Recognition", List.of("物体属性识别", "属性识别"));

    private final String englishName;
    private final List<String> chineseAliases;

    VqaTask(String englishName, List<String> chineseAliases) {
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
