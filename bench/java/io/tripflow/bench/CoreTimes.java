package io.tripflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU time each core of the machine has spent so far (user, nice, system, irq and softirq,
 * from /proc/stat), whatever process spent it: the pipeline's cost per event includes what it makes
 * the store and kinesis-local do, and on pinned cores says which side of the work a core carried.
 */
record CoreTimes(long[] jiffies) {

    /** The kernel's clock ticks per second for /proc's CPU times (USER_HZ), 100 on Linux. */
    static final double TICKS_PER_SECOND = 100;

    /** Empty where there is no /proc/stat: the figures built on it are then left out. */
    static CoreTimes now() {
        List<Long> busy = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                // "cpu0 user nice system idle iowait irq softirq steal ...": one line per core
                if (line.startsWith("cpu") && Character.isDigit(line.charAt(3))) {
                    String[] f = line.split("\\s+");
                    busy.add(Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return new CoreTimes(new long[0]);
        }
        return new CoreTimes(busy.stream().mapToLong(Long::longValue).toArray());
    }

    /** Per core, the CPU microseconds spent since {@code earlier}, divided by {@code events}. */
    double[] microsPerEventSince(CoreTimes earlier, long events) {
        double[] each = new double[Math.min(jiffies.length, earlier.jiffies.length)];
        for (int core = 0; core < each.length; core++) {
            each[core] = (jiffies[core] - earlier.jiffies[core]) / TICKS_PER_SECOND * 1e6 / events;
        }
        return each;
    }
}
