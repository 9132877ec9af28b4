package io.tripflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pins every thread of this JVM and of its child processes to some CPUs with taskset(1), and
 * gives them back the CPUs they had when closed. Threads started meanwhile inherit the pinning
 * from the thread that starts them; a child started meanwhile may choose CPUs of its own
 * ("taskset -c 1 …").
 */
final class CoreAffinity implements AutoCloseable {

    private static final Pattern MASK = Pattern.compile("affinity mask: (\\p{XDigit}+)");

    private final List<ProcessHandle> pinned;
    private final String originalMask;

    private CoreAffinity(List<ProcessHandle> pinned, String originalMask) {
        this.pinned = pinned;
        this.originalMask = originalMask;
    }

    /** Whether there are two cores to split and taskset(1) to split them with. */
    static boolean available() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return false;
        }
        try {
            taskset("-p", String.valueOf(ProcessHandle.current().pid()));
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @param cpus a CPU list as taskset -c takes it, e.g. "0" */
    static CoreAffinity pinProcessTree(String cpus) throws IOException, InterruptedException {
        ProcessHandle self = ProcessHandle.current();
        Matcher mask = MASK.matcher(taskset("-p", String.valueOf(self.pid())));
        if (!mask.find()) {
            throw new IllegalStateException("taskset printed no affinity mask for " + self.pid());
        }
        List<ProcessHandle> tree = Stream.concat(Stream.of(self), self.descendants()).toList();
        for (ProcessHandle process : tree) {
            taskset("-a", "-p", "-c", cpus, String.valueOf(process.pid()));
        }
        return new CoreAffinity(tree, mask.group(1));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (ProcessHandle process : pinned) {
            if (process.isAlive()) {
                taskset("-a", "-p", originalMask, String.valueOf(process.pid()));
            }
        }
    }

    private static String taskset(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("taskset"));
        command.addAll(List.of(args));
        Process taskset = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (taskset.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
