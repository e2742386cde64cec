package dev.seedling.cli;

import dev.seedling.data.text.BundledCorpus;

import java.nio.file.Path;

/** The bundled corpus as a file the text pipeline can read (extracted once into the run directory). */
final class CorpusFiles {
    private CorpusFiles() {
    }

    static Path bundled(Path runDir) {
        return BundledCorpus.extractTo(runDir.resolve("corpus"));
    }
}
