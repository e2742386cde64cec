package dev.seedling.cli;

import dev.seedling.Seedling;
import picocli.CommandLine.Command;

/** {@code seedling info}: Java version, vector species, every backend found, the chosen one and why. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe the runtime: Java, Vector API, every backend found, the one chosen and why.")
final class InfoCommand implements Runnable {
    @Override
    public void run() {
        System.out.print(Seedling.describe());
    }
}
