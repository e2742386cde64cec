package dev.seedling.eval.vqa;

import java.nio.file.Path;

/** A run cannot start or continue in its output folder; the message names the folder and the reason. */
public class VqaRunException extends RuntimeException {
    public VqaRunException(Path outDir, String reason) {
        super(outDir + ": " + reason);
    }
}
