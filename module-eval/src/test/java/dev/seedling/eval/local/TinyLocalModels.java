package dev.seedling.eval.local;

import dev.seedling.data.tokenizer.BpeTokenizer;
import dev.seedling.data.tokenizer.BpeTrainer;
import dev.seedling.data.tokenizer.BpeTrainerConfig;
import dev.seedling.eval.tkgqa.draft.DraftPromptBuilder;
import dev.seedling.models.transformer.TransformerConfig;
import dev.seedling.models.transformer.TransformerLM;

import java.util.ArrayList;
import java.util.List;

/**
 * A tiny untrained Seedling model with a small BPE tokenizer, for tests of the local-model adapters: d 32, 2 layers,
 * 4 heads over 2 kv heads, 128 positions; the tokenizer (384 ids) is trained on the draft instructions and the
 * fixture's names, so prompts and programs take few tokens. Built in well under a second.
 */
public final class TinyLocalModels {
    private static final BpeTokenizer TOKENIZER = tokenizer();

    private TinyLocalModels() {
    }

    /** A fresh model (seeded, so equal calls give equal weights) with the shared tokenizer. */
    public static LocalModel tiny() {
        TransformerConfig config = TransformerConfig.small().toBuilder().vocabSize(TOKENIZER.vocabSize()).dModel(32)
                .layers(2).heads(4).kvHeads(2).ffnHidden(64).maxSeqLen(128).seed(11).build();
        TransformerLM model = new TransformerLM(config);
        model.train(false);
        return new LocalModel(model, TOKENIZER);
    }

    private static BpeTokenizer tokenizer() {
        List<String> corpus = new ArrayList<>(DraftPromptBuilder.instructions().lines().toList());
        for (String s : List.of("Barack_Obama Make_a_visit Japan China India Angela_Merkel Criticize Sign_agreement",
                "user: Question: Who visited China in Nov 2009?", "assistant: Find<i>China",
                "Relate<i>Make_a_visit<i>backward<d>0", "FilterByTimePoint<i>2009-11<d>1", "What<d>2")) {
            corpus.add(s);
            corpus.add(s);
        }
        return BpeTrainer.train(BpeTrainerConfig.of(384), corpus);
    }
}
