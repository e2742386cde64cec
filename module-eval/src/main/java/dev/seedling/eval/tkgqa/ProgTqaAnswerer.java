package dev.seedling.eval.tkgqa;

import dev.seedling.data.tkg.TkgQuestion;
import dev.seedling.eval.chat.ChatModel;
import dev.seedling.eval.chat.ChatModelException;
import dev.seedling.eval.chat.ChatRequest;
import dev.seedling.eval.tkgqa.draft.CategoryClassifier;
import dev.seedling.eval.tkgqa.draft.DraftExtractor;
import dev.seedling.eval.tkgqa.draft.DraftPromptBuilder;
import dev.seedling.eval.tkgqa.exec.ExecutionLimitException;
import dev.seedling.eval.tkgqa.exec.ExecutionResult;
import dev.seedling.eval.tkgqa.exec.Executor;
import dev.seedling.eval.tkgqa.exec.RankedAnswer;
import dev.seedling.eval.tkgqa.link.LinkedProgram;
import dev.seedling.eval.tkgqa.link.LinkingHints;
import dev.seedling.eval.tkgqa.link.ProgramLinker;
import dev.seedling.eval.tkgqa.program.Program;
import dev.seedling.eval.tkgqa.program.ProgramParseException;
import dev.seedling.eval.tkgqa.program.ProgramValidationException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Answers one question the Prog-TQA way: classify its category, draft a program with the model, extract and link
 * it, execute it. With post-processing (PP) on, the programs that swap a relation for a lower-ranked candidate run
 * too and their answers are appended after the main program's, so the main program keeps rank 1 unless it found
 * nothing. Failures are returned as an {@link Attempt} with the stage, never thrown. Thread-safe when the model is.
 */
public final class ProgTqaAnswerer {
    private final ChatModel model;
    private final DraftPromptBuilder prompts;
    private final CategoryClassifier classifier;
    private final ProgramLinker linker;
    private final Executor executor;
    private final boolean useGoldAnnotations;
    private final boolean postProcessing;
    private final DraftExtractor extractor = new DraftExtractor();

    /**
     * @param useGoldAnnotations whether the question's annotated entities and relations restrict linking
     * @param postProcessing     whether to union answers over alternative relations (PP)
     */
    public ProgTqaAnswerer(ChatModel model, DraftPromptBuilder prompts, CategoryClassifier classifier,
                           ProgramLinker linker, Executor executor, boolean useGoldAnnotations, boolean postProcessing) {
        this.model = Objects.requireNonNull(model, "model");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.linker = Objects.requireNonNull(linker, "linker");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.useGoldAnnotations = useGoldAnnotations;
        this.postProcessing = postProcessing;
    }

    /** Drafts, links and executes a program for {@code q}. */
    public Attempt answer(TkgQuestion q) {
        String category = classifier.category(q);
        String draft;
        try {
            draft = model.complete(draftRequest(q, category)).text();
        } catch (ChatModelException e) {
            return failure(q, category, null, null, Attempt.Stage.DRAFT, e.getMessage(), e.retryable());
        }
        Program parsed;
        try {
            parsed = extractor.extract(draft);
        } catch (ProgramParseException e) {
            return failure(q, category, draft, null, Attempt.Stage.PARSE, e.getMessage(), false);
        }
        LinkedProgram linked = linker.link(parsed, useGoldAnnotations ? LinkingHints.of(q) : LinkingHints.NONE);
        ExecutionResult main;
        try {
            main = executor.execute(linked.program());
        } catch (ProgramValidationException e) {
            return failure(q, category, draft, linked.program(), Attempt.Stage.VALIDATE, e.getMessage(), false);
        } catch (ExecutionLimitException e) {
            return failure(q, category, draft, linked.program(), Attempt.Stage.EXECUTE, e.getMessage(), false);
        }
        List<RankedAnswer> answers = new ArrayList<>(main.answers());
        if (postProcessing) {
            Set<String> seen = new LinkedHashSet<>(main.texts());
            for (Program alt : linked.alternatives()) {
                try {
                    for (RankedAnswer a : executor.execute(alt).answers()) {
                        if (seen.add(a.text())) {
                            answers.add(a);
                        }
                    }
                } catch (ProgramValidationException | ExecutionLimitException e) {
                    // an alternative that fails adds nothing; the main program's outcome stands
                }
            }
        }
        return new Attempt(q.id(), category, draft, linked.program(), answers, Attempt.Stage.NONE, null, false);
    }

    /**
     * The request this answerer sends to draft a program for {@code q} in {@code category} (the category an
     * {@link Attempt} reports): fine-tuning pairs it with the verified program.
     */
    public ChatRequest draftRequest(TkgQuestion q, String category) {
        return prompts.build(q.question(), category);
    }

    private static Attempt failure(TkgQuestion q, String category, String draft, Program program, Attempt.Stage stage,
                                   String error, boolean retryable) {
        return new Attempt(q.id(), category, draft, program, List.of(), stage, error, retryable);
    }
}
