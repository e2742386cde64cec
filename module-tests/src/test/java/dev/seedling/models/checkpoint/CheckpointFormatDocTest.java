package dev.seedling.models.checkpoint;

import dev.seedling.models.memory.MemoryConfig;
import dev.seedling.models.transformer.BlockOptions;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/checkpoint-format.md's parameter table, expanded for several configurations, equals the code's parameters. */
class CheckpointFormatDocTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `\\[([^\\]]*)\\]` \\| ([^|]+) \\|$");

    static Stream<TransformerConfig> configs() {
        TransformerConfig base = TransformerConfig.small().toBuilder().vocabSize(40).dModel(16).layers(2).heads(4)
                .kvHeads(2).ffnHidden(24).maxSeqLen(8).build();
        return Stream.of(base,
                base.toBuilder().tieEmbeddings(false).norm("layer").build(),
                base.toBuilder().normLayout("post").ffn("gelu").build(),
                base.toBuilder().moeExperts(3).moeTopK(2).build(),
                base.toBuilder().moeExperts(2).moeTopK(1).ffn("gelu").norm("layer").build(),
                base.toBuilder().memory(MemoryConfig.none().toBuilder().kind("pkm").placement("0:1").keys(5)
                        .keyDim(6).topM(2).heads(3).build()).build(),
                base.toBuilder().memory(MemoryConfig.none().toBuilder().kind("ultramem").placement("0:1/1:1").keys(3)
                        .keyDim(4).valueDim(6).topM(2).heads(2).rank(3).cores(2).expansion(4).build()).build(),
                base.toBuilder().memory(MemoryConfig.none().toBuilder().kind("ultramem").placement("1:1").keys(3)
                        .keyDim(4).valueDim(6).topM(2).heads(1).rank(2).cores(3).expansion(9).build()).build(),
                base.toBuilder().normLayout("hybrid").residual("hyper").blockOptions(BlockOptions.DEFAULT.toBuilder()
                        .rate(4).dynamic(true).build()).build(),
                base.toBuilder().normLayout("hybrid_star").norm("layer").residual("frac")
                        .blockOptions(BlockOptions.DEFAULT.toBuilder().rate(4).dynamic(true).build()).build(),
                base.toBuilder().normLayout("sdd_post").residual("hyper").build(),
                base.toBuilder().normLayout("sdd_pre").residual("frac").build(),
                base.toBuilder().normLayout("qk_norm").norm("layer").build(),
                base.toBuilder().normLayout("mix_ln").build(),
                base.toBuilder().normLayout("pre_post").build(),
                base.toBuilder().normLayout("post_normed").build(),
                base.toBuilder().ffn("polynorm").overEncoding(
                        new dev.seedling.models.transformer.OverEncodingConfig(3, 2, 50, 0, -1)).build(),
                base.toBuilder().ffn("polyrelu").polyOrder(2).moeExperts(2).moeTopK(1).overEncoding(
                        new dev.seedling.models.transformer.OverEncodingConfig(2, 1, 30, 5, 3)).multiToken(
                        new dev.seedling.models.transformer.MultiTokenConfig("parallel", 3, List.of())).build(),
                base.toBuilder().ffn("polynorm").norm("layer").multiToken(
                        new dev.seedling.models.transformer.MultiTokenConfig("sequential", 3, List.of())).build(),
                base.toBuilder().tieEmbeddings(false).multiToken(
                        new dev.seedling.models.transformer.MultiTokenConfig("sequential", 2, List.of())).build());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void documentedParametersEqualTheModelsParameters(TransformerConfig c) throws IOException {
        Map<String, List<Integer>> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("").toAbsolutePath().getParent()
                .resolve("docs/checkpoint-format.md"))) {
            Matcher m = ROW.matcher(line.strip());
            if (!m.matches() || !present(m.group(3).strip(), c)) {
                continue;
            }
            String name = m.group(1);
            for (int i = 0; i < (name.contains("<i>") ? c.layers() : 1); i++) {
                for (int e = 0; e < (name.contains("<e>") ? c.moeExperts() : 1); e++) {
                    for (int j = 0; j < (name.contains("<j>") ? c.memory().placements().size() : 1); j++) {
                        for (int t = 0; t < (name.contains("<t>") ? c.overEncoding().tables() : 1); t++) {
                            for (int k = 0; k < (name.contains("<k>") ? c.multiToken().heads() - 1 : 1); k++) {
                                int table = t;
                                List<Integer> shape = Arrays.stream(m.group(2).split(","))
                                        .map(s -> size(s.strip(), c, table)).toList();
                                documented.put(name.replace("<i>", Integer.toString(i))
                                        .replace("<e>", Integer.toString(e)).replace("<j>", Integer.toString(j))
                                        .replace("<t>", Integer.toString(t)).replace("<k>", Integer.toString(k)),
                                        shape);
                            }
                        }
                    }
                }
            }
        }
        Map<String, List<Integer>> actual = new LinkedHashMap<>();
        new TransformerLM(c).namedParameters().forEach((name, p) ->
                actual.put(name, Arrays.stream(p.value().dims()).boxed().toList()));
        assertThat(documented).isEqualTo(actual);
    }

    @org.junit.jupiter.api.Test
    void everyMemoryConfigFieldIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/checkpoint-format.md"));
        var fields = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(MemoryConfig.none()).fieldNames();
        fields.forEachRemaining(f -> assertThat(doc).contains("| `memory." + f + "` |"));
    }

    private static boolean present(String when, TransformerConfig c) {
        for (String cond : when.split(",")) {
            String k = cond.strip();
            boolean ok = switch (k) {
                case "always" -> true;
                case "dense" -> c.moeExperts() == 0;
                case "moe" -> c.moeExperts() > 0;
                case "dynamic" -> c.blockOptions().dynamic();
                case "ffn=poly" -> c.ffn().startsWith("poly");
                case "over_encoding" -> c.overEncoding().enabled();
                default -> {
                    boolean negated = k.contains("!=");
                    String[] kv = k.split("!?=");
                    String v = switch (kv[0]) {
                        case "norm" -> c.norm();
                        case "ffn" -> c.ffn();
                        case "norm_layout" -> c.normLayout();
                        case "residual" -> c.residual();
                        case "tie_embeddings" -> Boolean.toString(c.tieEmbeddings());
                        case "memory" -> c.memory().kind();
                        case "multi_token" -> c.multiToken().mode();
                        default -> throw new IllegalArgumentException("unknown condition '" + k + "' in the doc");
                    };
                    yield Arrays.asList(kv[1].split("/")).contains(v) != negated;
                }
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int size(String expr, TransformerConfig c, int table) {
        int product = 1;
        for (String f : expr.split("\\*")) {
            if (f.matches("\\d+")) {
                product *= Integer.parseInt(f);
                continue;
            }
            if (f.equals("rate+1")) {
                product *= c.blockOptions().rate() + 1;
                continue;
            }
            if (f.equals("d_model/rate")) {
                product *= c.dModel() / c.blockOptions().rate();
                continue;
            }
            product *= switch (f) {
                case "rate" -> c.blockOptions().rate();
                case "vocab_size" -> c.vocabSize();
                case "d_model" -> c.dModel();
                case "kv_heads" -> c.kvHeads();
                case "head_dim" -> c.headDim();
                case "ffn_hidden" -> c.ffnHidden();
                case "moe_experts" -> c.moeExperts();
                case "memory.keys" -> c.memory().keys();
                case "memory.key_dim" -> c.memory().keyDim();
                case "memory.value_dim" -> c.memory().valueDim();
                case "memory.heads" -> c.memory().heads();
                case "memory.rank" -> c.memory().rank();
                case "memory.cores" -> c.memory().cores();
                case "memory.expansion" -> c.memory().expansion();
                case "half_key_dim" -> c.memory().keyDim() / 2;
                case "queries" -> c.memory().heads() == 1 ? 1 : c.memory().heads() / 2;
                case "keys_per_side" -> c.memory().keyExpansion() * c.memory().keys();
                case "2" -> 2;
                case "poly_order" -> c.polyOrder();
                case "table_dim" -> c.overEncoding().tableDim(c.dModel());
                case "table_rows_t" -> c.overEncoding().tableRows() + 2 * table;
                case "1" -> 1;
                default -> throw new IllegalArgumentException("unknown size '" + f + "' in the doc");
            };
        }
        return product;
    }
}
