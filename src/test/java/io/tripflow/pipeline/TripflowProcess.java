package io.tripflow.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tripflow.config.TripflowSettings;
import io.tripflow.localstack.TestStack;

/**
 * {@code tripflow run} as a separate JVM, configured only through environment variables, the way
 * the container runs it; so that tests can SIGTERM it, kill -9 it and start it again.
 */
final class TripflowProcess {

    /** One line of the outcome log: which record was processed and what storing it did. */
    record Outcome(String stream, String shard, String sequenceNumber, String result) {
        String record() {
            return stream + "/" + shard + "#" + sequenceNumber;
        }
    }

    /** A "Took lease on shard" line: when this process started consuming a shard. */
    record LeaseTaken(LocalTime at, String shard) {
    }

    private static final Pattern LEASE_TAKEN = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*Took lease on shard (\\S+) of");
    private static final Pattern LEASE_LOST = Pattern.compile("Lost lease on shard (\\S+) of");
    private static final Pattern OUTCOME = Pattern.compile("outcome - (\\S+)/(\\S+) #(\\d+): (\\w+) completed=");

    private final Process process;
    final Path log;

    private TripflowProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Fresh resources for processes that consume the single mixed stream with this many shards, in
     * small, slow batches, so that whatever a test does to them lands mid-stream.
     */
    static Map<String, String> mixedStreamSettings(String name, int shards) {
        Map<String, String> settings = new HashMap<>(TestStack.freshResources(name, true, Map.of(
                "tripflow.streams.trip-events.shards", String.valueOf(shards),
                "tripflow.streams.trip-events.enabled", "true",
                "tripflow.streams.per-half.enabled", "false")));
        settings.put("tripflow.management.port", "0");
        settings.put("tripflow.kcl.max-records", "50");
        settings.put("tripflow.kcl.max-in-flight-per-shard", "2");
        return settings;
    }

    static TripflowProcess start(String name, Map<String, String> settings) throws IOException {
        return start(name, settings, Map.of());
    }

    /** @param environment further environment variables, e.g. an AWS endpoint through a proxy */
    static TripflowProcess start(String name, Map<String, String> settings, Map<String, String> environment) throws IOException {
        return start(name, settings, environment, List.of("-Xmx512m"));
    }

    /** @param jvmOptions the JVM's heap and the like, e.g. the container's -Xmx256m -XX:+ExitOnOutOfMemoryError */
    static TripflowProcess start(String name, Map<String, String> settings, Map<String, String> environment, List<String> jvmOptions)
            throws IOException {
        Path home = Path.of("").toAbsolutePath();
        Path log = home.resolve("target/it-logs/" + name + ".log");
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlog4j2.configurationFile=" + home.resolve("target/test-classes/log4j2-outcomes.xml"),
                "-cp", home.resolve("target/classes") + ":" + home.resolve("target/lib") + "/*",
                "io.tripflow.cli.TripflowCli", "run"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(TestStack.processEnvironment());
        settings.forEach((key, value) -> builder.environment().put(TripflowSettings.envVarOf(key), value));
        builder.environment().put("TRIPFLOW_ROUTES_DIR", home.resolve("routes").toString());
        builder.environment().put("TRIPFLOW_SCHEMAS_DIR", home.resolve("schemas").toString());
        builder.environment().putAll(environment);
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new TripflowProcess(process, log);
    }

    List<Outcome> outcomes() throws IOException {
        List<Outcome> outcomes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = OUTCOME.matcher(line);
            if (m.find()) {
                outcomes.add(new Outcome(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        return outcomes;
    }

    List<LeaseTaken> leasesTaken() throws IOException {
        List<LeaseTaken> leases = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LEASE_TAKEN.matcher(line);
            if (m.find()) {
                leases.add(new LeaseTaken(LocalTime.parse(m.group(1)), m.group(2)));
            }
        }
        return leases;
    }

    /** The shards whose lease this process took last and has not lost since, by its log. */
    Set<String> shardsHeld() throws IOException {
        Set<String> held = new HashSet<>();
        for (String line : Files.readAllLines(log)) {
            Matcher taken = LEASE_TAKEN.matcher(line);
            Matcher lost = LEASE_LOST.matcher(line);
            if (taken.find()) {
                held.add(taken.group(2));
            } else if (lost.find()) {
                held.remove(lost.group(1));
            }
        }
        return held;
    }

    /** SIGTERM, as ECS and docker stop send; returns the exit code. */
    int terminate(Duration within) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("tripflow did not stop within " + within + " of SIGTERM (see " + log + ")");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no checkpoint, leases left to expire. */
    boolean alive() {
        return process.isAlive();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }
}
