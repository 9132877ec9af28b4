package io.tripflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A JVM process's CPU seconds so far, and how much of it its JIT compiler and garbage collector
 * threads spent: a fresh process compiles its hot path for tens of thousands of events, and that
 * cost says nothing about what ingesting costs once it is warm.
 *
 * <p>The total comes from /proc/PID/stat, which keeps the time of threads that have ended; the
 * compiler and GC shares from /proc/PID/task/TID/stat, by thread name. Those threads live as long as
 * the JVM here (on two cores it runs one C1 and one C2 compiler thread, the minimum, so none is
 * retired when idle).
 */
record ProcessCpu(double total, double jit, double gc) {

    /** Thread names as /proc shows them (the first 15 characters). */
    private static final List<String> JIT_THREADS = List.of("C1 CompilerThre", "C2 CompilerThre");
    private static final List<String> GC_THREADS = List.of("GC Thread#", "G1 ");

    static ProcessCpu of(long pid) throws IOException {
        Path process = Path.of("/proc/" + pid);
        double jit = 0;
        double gc = 0;
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (JIT_THREADS.stream().anyMatch(name::startsWith)) {
                    jit += seconds(stat);
                } else if (GC_THREADS.stream().anyMatch(name::startsWith)) {
                    gc += seconds(stat);
                }
            }
        }
        return new ProcessCpu(seconds(Files.readString(process.resolve("stat"))), jit, gc);
    }

    /** utime + stime of a /proc stat line (fields 14 and 15, counted after the parenthesised name). */
    private static double seconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CoreTimes.TICKS_PER_SECOND;
    }

    ProcessCpu since(ProcessCpu earlier) {
        return new ProcessCpu(total - earlier.total, jit - earlier.jit, gc - earlier.gc);
    }

    /** What neither the compiler nor the collector spent: Camel, KCL, the SDK, logging. */
    double rest() {
        return total - jit - gc;
    }
}
