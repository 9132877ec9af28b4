package io.tripflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The npm packages the tests use (src/test/npm: kinesis-local, @aws-cdk/cfnspec, dockerfilelint),
 * installed with `npm ci` from the committed lock file the first time one is needed.
 */
public final class NpmTools {

    private NpmTools() {
    }

    /** The installed package's directory under node_modules. */
    public static synchronized Path packageDir(Path home, String name) {
        Path npmDir = home.resolve("src/test/npm");
        Path dir = npmDir.resolve("node_modules").resolve(name);
        if (!Files.isDirectory(dir)) {
            install(npmDir);
        }
        return dir;
    }

    private static void install(Path npmDir) {
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(npmDir.toFile()).inheritIO().start();
            if (npm.waitFor() != 0) {
                throw new IllegalStateException("npm ci in " + npmDir + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("npm (Node 20+) is needed for the test tools in " + npmDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
