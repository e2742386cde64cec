package dev.seedling.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared option mixins keep each command's option names, defaults and help text. */
class OptionMixinsTest {

    @Test
    void trainingOptionsTakeEachCommandsDefaultStepsAndOverrides() {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--data", "bundled", "--out", "run");
        assertThat(train.training.steps).isEqualTo(200);
        assertThat(train.training.batch).isEqualTo(8);
        assertThat(train.training.lr).isEqualTo(3e-3);

        UltraMemExperiment ultraMem = new UltraMemExperiment();
        new CommandLine(ultraMem).parseArgs("--steps", "7", "--batch", "2", "--lr", "0.01");
        assertThat(ultraMem.training.steps).isEqualTo(7);
        assertThat(ultraMem.training.batch).isEqualTo(2);
        assertThat(ultraMem.training.lr).isEqualTo(0.01);
        assertThat(new UltraMemExperiment().training.steps).isEqualTo(300);
    }

    @Test
    void helpShowsEachCommandsOwnDefault() {
        assertThat(new CommandLine(new TrainCommand()).getUsageMessage())
                .contains("--steps=<steps>", "optimiser steps per model (default 200)",
                        "sequences per step (default 8)", "peak learning rate (default 0.003)");
        assertThat(new CommandLine(new UltraMemExperiment()).getUsageMessage())
                .contains("optimiser steps per model (default 300)");
    }

    @Test
    void experimentOptionsDefaultAndParse() {
        PolyComExperiment polyCom = new PolyComExperiment();
        new CommandLine(polyCom).parseArgs("--seeds", "2");
        assertThat(polyCom.options.steps).isEqualTo(300);
        assertThat(polyCom.options.out).isEqualTo(Path.of("docs/experiments"));

        OverTokenizedExperiment overTokenized = new OverTokenizedExperiment();
        new CommandLine(overTokenized).parseArgs("--steps", "5", "--out", "elsewhere");
        assertThat(overTokenized.options.steps).isEqualTo(5);
        assertThat(overTokenized.options.out).isEqualTo(Path.of("elsewhere"));
        assertThat(new CommandLine(new OverTokenizedExperiment()).getUsageMessage())
                .contains("training steps per model (default 300)", "report directory (default docs/experiments)");
    }
}
