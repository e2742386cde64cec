package dev.seedling.eval.tkgqa;

import dev.seedling.eval.tkgqa.draft.CategoryClassifier;
import dev.seedling.eval.tkgqa.exec.ExecutionLimits;
import dev.seedling.eval.tkgqa.exec.ExecutionPolicy;
import dev.seedling.eval.tkgqa.metric.AnswerMatching;

import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link TkgqaPipeline} run. {@link #multiTq()} and {@link #cron()} give the paper's settings.
 *
 * @param demosPerPrompt     demos shown per question (6 MultiTQ, 8 CronQuestions)
 * @param relationCandidates relations kept per {@code Relate} (5)
 * @param postProcessing     union answers over alternative relations (PP; on for CronQuestions, off for MultiTQ)
 * @param useGoldAnnotations let annotated entities/relations bypass linking (CronQuestions)
 * @param classifier         how the demo category is chosen at test time
 * @param matching           answer matching for Hits@k
 * @param policy             executor semantics
 * @param limits             executor limits
 * @param maxTokens          the reply budget per draft
 * @param relationText       relation id to label for embedding (CronQuestions {@code wd_id2relation_text}); may be empty
 * @param entityText         entity id to label for fuzzy matching (CronQuestions {@code wd_id2entity_text}); may be empty
 * @param parallelism        questions answered at once (the chat model must be thread-safe, as its contract says)
 */
public record PipelineConfig(int demosPerPrompt, int relationCandidates, boolean postProcessing,
                             boolean useGoldAnnotations, CategoryClassifier classifier, AnswerMatching matching,
                             ExecutionPolicy policy, ExecutionLimits limits, int maxTokens,
                             Map<String, String> relationText, Map<String, String> entityText, int parallelism) {
    public PipelineConfig {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(matching, "matching");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(limits, "limits");
        relationText = Map.copyOf(relationText);
        entityText = Map.copyOf(entityText);
        if (demosPerPrompt < 0 || relationCandidates <= 0 || maxTokens <= 0 || parallelism <= 0) {
            throw new IllegalArgumentException("demosPerPrompt >= 0, relationCandidates > 0, maxTokens > 0 and"
                    + " parallelism > 0 required but got " + demosPerPrompt + ", " + relationCandidates + ", "
                    + maxTokens + ", " + parallelism);
        }
    }

    /** MultiTQ: 6 demos, PP off, no gold annotations, oracle category, exact matching. */
    public static PipelineConfig multiTq() {
        return new PipelineConfig(6, 5, false, false, CategoryClassifier.ORACLE, AnswerMatching.EXACT,
                ExecutionPolicy.defaults(), ExecutionLimits.defaults(), 512, Map.of(), Map.of(), 1);
    }

    /**
     * CronQuestions: 8 demos, PP on, gold annotations bypass linking, oracle category, exact matching, and the
     * {@link ExecutionPolicy.Boundary#INCLUSIVE inclusive} Before/After boundary, because successive year spans share
     * their boundary year (Blair 1997/2007, Brown 2007/2010): strictly, Blair would not be "before Brown".
     */
    public static PipelineConfig cron() {
        return new PipelineConfig(8, 5, true, true, CategoryClassifier.ORACLE, AnswerMatching.EXACT,
                ExecutionPolicy.defaults().withBoundary(ExecutionPolicy.Boundary.INCLUSIVE), ExecutionLimits.defaults(),
                512, Map.of(), Map.of(), 1);
    }

    /** This config with another category classifier. */
    public PipelineConfig withClassifier(CategoryClassifier c) {
        return new PipelineConfig(demosPerPrompt, relationCandidates, postProcessing, useGoldAnnotations, c, matching,
                policy, limits, maxTokens, relationText, entityText, parallelism);
    }

    /** This config with another answer matching. */
    public PipelineConfig withMatching(AnswerMatching m) {
        return new PipelineConfig(demosPerPrompt, relationCandidates, postProcessing, useGoldAnnotations, classifier,
                m, policy, limits, maxTokens, relationText, entityText, parallelism);
    }

    /** This config with labels of relations (for embedding) and entities (for fuzzy matching), by id. */
    public PipelineConfig withTexts(Map<String, String> relations, Map<String, String> entities) {
        return new PipelineConfig(demosPerPrompt, relationCandidates, postProcessing, useGoldAnnotations, classifier,
                matching, policy, limits, maxTokens, relations, entities, parallelism);
    }

    /** This config answering {@code n} questions at once. */
    public PipelineConfig withParallelism(int n) {
        return new PipelineConfig(demosPerPrompt, relationCandidates, postProcessing, useGoldAnnotations, classifier,
                matching, policy, limits, maxTokens, relationText, entityText, n);
    }
}
