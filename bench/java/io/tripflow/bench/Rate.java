package io.tripflow.bench;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Events (or writes) per second over a measured window, each core's CPU µs per event in it, and
 * the trip-table UpdateItems in it: mean in flight and mean round trip (ms).
 */
record Rate(double perSecond, double[] cpuMicrosPerEvent, double writesInFlight, double writeMillis) {

    static Rate since(long events, CoreTimes cpu, TripWrites.Snapshot writes) {
        TripWrites.Snapshot now = TripWrites.Snapshot.now();
        return new Rate(events / ((now.at() - writes.at()) / 1e9), CoreTimes.now().microsPerEventSince(cpu, events),
                now.inFlightSince(writes), now.millisPerCallSince(writes));
    }

    static double[] perSecond(Rate[] rates) {
        return Arrays.stream(rates).mapToDouble(Rate::perSecond).toArray();
    }

    static Figures figures(Rate[] rates, ToDoubleFunction<Rate> figure) {
        return new Figures(Arrays.stream(rates).mapToDouble(figure).boxed().toList());
    }

    /** Each core's CPU µs per event, averaged over the rates. */
    static double[] meanCpu(Rate[] rates) {
        int cores = rates[0].cpuMicrosPerEvent().length;
        double[] mean = new double[cores];
        for (Rate rate : rates) {
            for (int core = 0; core < cores; core++) {
                mean[core] += rate.cpuMicrosPerEvent()[core] / rates.length;
            }
        }
        return mean;
    }
}
