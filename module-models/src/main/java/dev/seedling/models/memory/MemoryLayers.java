package dev.seedling.models.memory;

import dev.seedling.models.Module;
import dev.seedling.tensor.Generator;
import dev.seedling.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The memory layers of an LM with their placements, named {@code 0, 1, ...} in placement order. A forward pass goes
 * through a {@link Pass}: block a hands its FFN input to {@link Pass#readerAt}, and {@link Pass#addAfter} adds the
 * memory's output to the stream after block b.
 */
public final class MemoryLayers extends Module {
    private final List<MemoryPlacement> placements;
    private final List<MemoryLayer> layers = new ArrayList<>();

    /** Builds the layers of {@code config} for a model of width {@code dModel} and {@code blocks} blocks. */
    public MemoryLayers(MemoryConfig config, int dModel, int blocks, Generator gen) {
        this.placements = config.placements();
        for (MemoryPlacement p : placements) {
            if (p.addBlock() >= blocks) {
                throw new IllegalArgumentException("config: memory.placement " + p.readBlock() + ":" + p.addBlock()
                        + " needs blocks 0.." + (blocks - 1));
            }
        }
        for (int j = 0; j < placements.size(); j++) {
            MemoryLayer layer = switch (config.kind()) {
                case "pkm" -> new ProductKeyMemory(config, dModel, gen);
                case "ultramem" -> new UltraMemLayer(config, dModel, blocks, gen, gen.nextLong());
                default -> throw new IllegalStateException("unreachable: validated memory kind " + config.kind());
            };
            layers.add(child(Integer.toString(j), layer));
        }
    }

    /** No memory: a pass that reads nothing and adds nothing. */
    public static MemoryLayers none() {
        return new MemoryLayers(MemoryConfig.none(), 1, 1, new Generator(0));
    }

    public List<MemoryLayer> layers() {
        return List.copyOf(layers);
    }

    /** The state of one forward pass. */
    public Pass newPass() {
        return new Pass();
    }

    /** Sum of the layers' auxiliary losses, or {@code null} if none has one. */
    public Tensor auxiliaryLoss() {
        Tensor total = null;
        for (MemoryLayer l : layers) {
            Tensor a = l.auxiliaryLoss();
            if (a != null) {
                total = total == null ? a : total.add(a);
            }
        }
        return total;
    }

    /** Calls {@link MemoryLayer#beforeTrainingStep} on every layer. */
    public void beforeTrainingStep() {
        layers.forEach(MemoryLayer::beforeTrainingStep);
    }

    /** Routes hidden states from read blocks to add blocks during one forward. */
    public final class Pass {
        private final Tensor[] outputs = new Tensor[layers.size()];

        private Pass() {
        }

        /** A consumer of block {@code block}'s FFN input, or {@code null} if no memory reads there. */
        public Consumer<Tensor> readerAt(int block) {
            List<Integer> readers = new ArrayList<>();
            for (int j = 0; j < placements.size(); j++) {
                if (placements.get(j).readBlock() == block) {
                    readers.add(j);
                }
            }
            if (readers.isEmpty()) {
                return null;
            }
            return x -> readers.forEach(j -> outputs[j] = layers.get(j).forward(x));
        }

        /** {@code h} plus the outputs of the memories placed after block {@code block}. */
        public Tensor addAfter(int block, Tensor h) {
            for (int j = 0; j < placements.size(); j++) {
                if (placements.get(j).addBlock() == block) {
                    h = h.add(outputs[j]);
                }
            }
            return h;
        }
    }
}
