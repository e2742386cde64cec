package dev.seedling.data.text;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves a source specification into the sorted list of text files it names:
 * <ul>
 *   <li>a regular file: itself, whatever its name;</li>
 *   <li>a directory: every regular file under it (recursively) whose name ends in {@code .txt};</li>
 *   <li>a glob ({@code *}, {@code ?}, {@code [..]} or <code>{..}</code> in the spec): the regular files under the
 *   longest glob-free leading directory that match the whole spec, e.g. {@code data/**.txt}.</li>
 * </ul>
 * Files and folders whose name starts with a dot (the default token cache {@code .seedling-cache} among them) are
 * skipped when walking. Sorted by path so that the token order, and hence the cache and the split, are reproducible.
 */
public final class TextSources {
    private TextSources() {
    }

    /**
     * The files of {@code spec}.
     *
     * @throws TextSourceException naming the path if nothing exists there, or if a directory or glob names no
     *                             text file
     */
    public static List<Path> resolve(String spec) {
        if (spec.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
            return glob(spec);
        }
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) {
            List<Path> files = walk(p, f -> f.getFileName().toString().endsWith(".txt"));
            if (files.isEmpty()) {
                throw new TextSourceException("directory " + p + " contains no text files (*.txt)");
            }
            return files;
        }
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new TextSourceException("text source " + p + " does not exist");
        }
        return List.of(p);
    }

    private static List<Path> glob(String spec) {
        String normal = spec.replace('\\', '/');
        int firstGlob = indexOfGlob(normal);
        int slash = normal.lastIndexOf('/', firstGlob);
        Path base = slash < 0 ? Path.of(".") : Path.of(normal.substring(0, Math.max(1, slash)));
        if (!Files.isDirectory(base)) {
            throw new TextSourceException("glob " + spec + ": base directory " + base + " does not exist");
        }
        String pattern = slash < 0 ? normal : normal.substring(slash + 1);
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> files = walk(base, f -> m.matches(base.relativize(f)));
        if (files.isEmpty()) {
            throw new TextSourceException("glob " + spec + " matches no file under " + base);
        }
        return files;
    }

    /** Hidden files and folders (name starting with a dot, such as the token cache) are never sources. */
    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfGlob(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return s.length();
    }

    private static List<Path> walk(Path dir, java.util.function.Predicate<Path> accept) {
        try (Stream<Path> s = Files.walk(dir)) {
            // symbolic links count as files here, so that a dangling one is reported when read, not skipped
            return s.filter(f -> !Files.isDirectory(f)).filter(f -> !hidden(dir.relativize(f))).filter(accept)
                    .sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new TextSourceException("cannot list directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
