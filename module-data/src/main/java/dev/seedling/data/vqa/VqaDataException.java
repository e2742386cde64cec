package dev.seedling.data.vqa;

import java.nio.file.Path;
import java.util.List;

/**
 * A SimpleVQA data file holds malformed items. The message lists every problem found (up to a limit) as
 * {@code file:line: item ID: what is wrong}; {@link #problems()} holds them all.
 */
public class VqaDataException extends RuntimeException {
    private static final int LISTED = 20;
    private final transient List<String> problems;

    public VqaDataException(Path file, List<String> problems) {
        super(message(file, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, one line each, in file order. */
    public List<String> problems() {
        return problems;
    }

    private static String message(Path file, List<String> problems) {
        StringBuilder sb = new StringBuilder();
        sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append(" in ")
                .append(file).append(':');
        problems.stream().limit(LISTED).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > LISTED) {
            sb.append("\n  ... and ").append(problems.size() - LISTED).append(" more");
        }
        return sb.toString();
    }
}
