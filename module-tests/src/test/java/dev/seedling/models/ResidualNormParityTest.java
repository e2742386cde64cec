package dev.seedling.models;

import dev.seedling.io.SafeTensors;
import dev.seedling.models.checkpoint.ModelDirectory;
import dev.seedling.models.transformer.TransformerLM;
import dev.seedling.tensor.Functional;
import dev.seedling.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Every norm layout and residual scheme exported by {@code tools/reference/generate_residual_norm_parity.py} as a
 * Seedling model directory gives PyTorch's logits, loss and gradients of every parameter within 1e-4.
 */
class ResidualNormParityTest {
    static Path root() throws URISyntaxException {
        return Path.of(ResidualNormParityTest.class.getResource("/fixtures/residual-norm/variants.txt").toURI())
                .getParent();
    }

    static Stream<String> variants() throws IOException, URISyntaxException {
        return Files.readAllLines(root().resolve("variants.txt")).stream().filter(s -> !s.isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void logitsAndEveryParameterGradientMatchPyTorch(String variant) throws URISyntaxException {
        Path dir = root().resolve(variant);
        TransformerLM model = ModelDirectory.load(dir);
        Map<String, Tensor> ref = SafeTensors.read(dir.resolve("reference.safetensors")).tensors();
        Tensor logits = model.forward(ref.get("ids"), null);
        assertClose("logits", logits, ref.get("logits"));
        Tensor loss = Functional.crossEntropy(logits, ref.get("targets"));
        assertThat(loss.item()).isCloseTo(ref.get("loss").item(), offset(1e-4f));
        loss.backward();
        model.namedParameters().forEach((name, p) -> {
            assertThat(ref).as("reference gradient of %s", name).containsKey("grad." + name);
            assertClose("gradient of " + name, p.value().grad(), ref.get("grad." + name));
        });
    }

    private static void assertClose(String what, Tensor actual, Tensor expected) {
        assertThat(actual.dims()).as(what).containsExactly(expected.dims());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("%s[%d]", what, i).isCloseTo(e[i], offset(1e-4f));
        }
    }
}
