package dev.seedling.models.optim;

import dev.seedling.models.Parameter;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class GroupSchedulesTest {
    private static final Map<String, Parameter> PARAMS = new LinkedHashMap<>();

    static {
        PARAMS.put("blocks.0.memory.values.weight", new Parameter(Tensor.zeros(2), false, 1f));
        PARAMS.put("blocks.1.memory.values.weight", new Parameter(Tensor.zeros(2), false, 0.5f));
        PARAMS.put("blocks.0.attn.q_proj.weight", new Parameter(Tensor.zeros(2), false, 1f));
    }

    private static final GroupSchedules VALUES_TEN_TIMES_THEN_ONCE = GroupSchedules.none()
            .with("blocks.*.memory.values.*", step -> step < 2 ? 10.0 : 1.0);

    @Test
    void aGroupMultipliesTheBaseRateAndTheParameterScaleOnlyForItsMembers() {
        LearningRates early = VALUES_TEN_TIMES_THEN_ONCE.at(0, 0.01);
        LearningRates late = VALUES_TEN_TIMES_THEN_ONCE.at(5, 0.01);
        for (var e : PARAMS.entrySet()) {
            double scale = e.getValue().lrScale();
            boolean member = e.getKey().contains(".memory.values.");
            assertThat(early.of(e.getKey(), e.getValue())).isCloseTo(0.01 * scale * (member ? 10 : 1), offset(1e-12));
            assertThat(late.of(e.getKey(), e.getValue())).isCloseTo(0.01 * scale, offset(1e-12));
        }
    }

    @Test
    void theFirstMatchingGroupWins() {
        var groups = GroupSchedules.none().with("blocks.0.*", s -> 2.0).with("blocks.*", s -> 3.0);
        assertThat(groups.multiplier("blocks.0.attn.q_proj.weight", 0)).isEqualTo(2.0);
        assertThat(groups.multiplier("blocks.1.memory.values.weight", 0)).isEqualTo(3.0);
        assertThat(groups.multiplier("embed.weight", 0)).isEqualTo(1.0);
    }

    @Test
    void patternsAreGlobsNotRegularExpressions() {
        var groups = GroupSchedules.none().with("blocks.0.attn.q_proj.weight", s -> 2.0);
        assertThat(groups.multiplier("blocksX0XattnXq_projXweight", 0)).isEqualTo(1.0);
    }

    @Test
    void sgdAppliesEachParametersOwnRate() {
        Map<String, Parameter> params = new LinkedHashMap<>();
        Tensor memory = Tensor.zeros(2);
        Tensor attn = Tensor.zeros(2);
        params.put("blocks.0.memory.values.weight", new Parameter(memory, false, 1f));
        params.put("blocks.0.attn.q_proj.weight", new Parameter(attn, false, 1f));
        var sgd = new Sgd(params, 0f, 0f);
        for (long step = 0; step < 3; step++) {
            memory.sum().add(attn.sum()).backward();   // every gradient is 1
            sgd.step(VALUES_TEN_TIMES_THEN_ONCE.at(step, 0.1));
            sgd.zeroGrad();
        }
        // memory: -0.1·10 twice, then -0.1 once; attention: -0.1 three times
        assertThat(memory.toFloatArray()).containsExactly(new float[] {-2.1f, -2.1f}, offset(1e-6f));
        assertThat(attn.toFloatArray()).containsExactly(new float[] {-0.3f, -0.3f}, offset(1e-6f));
    }

    @Test
    void aPatternThatMatchesNothingIsAnErrorNamingIt() {
        var groups = GroupSchedules.none().with("blocks.*.memroy.values.*", s -> 2.0);
        assertThatThrownBy(() -> groups.requireAllMatch(List.copyOf(PARAMS.keySet())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blocks.*.memroy.values.*")
                .hasMessageContaining("matches no parameter");
    }
}
