package dev.seedling.models.heads;

import dev.seedling.models.transformer.MultiTokenConfig;
import dev.seedling.models.transformer.OverEncodingConfig;
import dev.seedling.models.transformer.TransformerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code ffn} PolyCom values and the {@code over_encoding} / {@code multi_token} blocks of config.json. */
class SlotConfigTest {

    @Test
    void slotsAreOffByDefaultAndRoundTripThroughJson() {
        TransformerConfig small = TransformerConfig.small();
        assertThat(small.overEncoding().enabled()).isFalse();
        assertThat(small.multiToken().enabled()).isFalse();
        TransformerConfig c = small.toBuilder().ffn("polynorm").polyOrder(3)
                .overEncoding(new OverEncodingConfig(3, 2, 1000, 0, 255))
                .multiToken(new MultiTokenConfig("sequential", 2, List.of(0.1f))).build();
        assertThat(TransformerConfig.parse(c.toJson())).isEqualTo(c);
    }

    @Test
    void aPartialBlockKeepsTheOtherDefaultsAndUnknownNestedKeysAreNamed() {
        TransformerConfig c = TransformerConfig.parse("{\"over_encoding\": {\"max_order\": 2, \"table_rows\": 5000}}");
        assertThat(c.overEncoding()).isEqualTo(new OverEncodingConfig(2, 2, 5000, 0, -1));
        assertThat(c.overEncoding().tables()).isEqualTo(2);
        assertThat(c.overEncoding().tableDim(c.dModel())).isEqualTo(c.dModel() / 2);
        assertThatThrownBy(() -> TransformerConfig.parse("{\"multi_token\": {\"depth\": 2}}"))
                .hasMessageContaining("'multi_token.depth'");
        assertThatThrownBy(() -> TransformerConfig.parse("{\"over_encoding\": {\"max_order\": 3}}"))
                .hasMessageContaining("table_rows");
        assertThatThrownBy(() -> TransformerConfig.parse("{\"ffn\": \"polyrelu\", \"poly_order\": 0}"))
                .hasMessageContaining("poly_order");
    }
}
