package io.tripflow.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.tripflow.localstack.NpmTools;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerfileLintTest {

    @Test
    void theDockerfilePassesDockerfilelint() throws Exception {
        Path home = Path.of("").toAbsolutePath();
        Path lint = NpmTools.packageDir(home, "dockerfilelint").resolve("bin/dockerfilelint");
        Process process = new ProcessBuilder("node", lint.toString(), "docker/Dockerfile").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
    }
}
