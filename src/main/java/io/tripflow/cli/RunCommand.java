package io.tripflow.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import picocli.CommandLine.Command;

@Command(name = "run", description = "Run the pipeline against the configured AWS endpoints until stopped (SIGTERM drains and checkpoints).")
public class RunCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        new TripflowApplication(Map.of(), TripflowApplication.Mode.PIPELINE).runUntilStopped();
        return 0;
    }
}
