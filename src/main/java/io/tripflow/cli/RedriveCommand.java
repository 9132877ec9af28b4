package io.tripflow.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import io.tripflow.config.TripflowSettings;
import io.tripflow.deadletter.DeadLetterOverflow;
import io.tripflow.deadletter.DeadLetterQueue;
import io.tripflow.deadletter.Redrive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.sqs.SqsClient;

@Command(name = "redrive", description = "Send dead letters back through validation and storage (after a fix). A message is "
        + "deleted only once its record is stored; what still fails stays in the queue and is reported with the reason.")
public class RedriveCommand implements Callable<Integer> {

    @Option(names = "--max", description = "read at most this many messages (default: all)")
    int max = Integer.MAX_VALUE;

    @Option(names = "--dry-run", description = "check each record against the current schemas and trip rules and report which would "
            + "go through and which would stay, and why; store, send and delete nothing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        System.out.print(redrive(Map.of(), max, dryRun));
        return 0;
    }

    /**
     * Runs the trip flows without their stream consumers and feeds them the dead letters.
     *
     * @param overrides settings that win over the file and the environment
     * @return the report
     */
    public static String redrive(Map<String, String> overrides, int max, boolean dryRun) throws Exception {
        return TripflowApplication.runOnce(TripflowApplication.Mode.REDRIVE, overrides, camel -> {
            var registry = camel.getRegistry();
            TripflowSettings settings = registry.findSingleByType(TripflowSettings.class);
            Redrive redrive = new Redrive(registry.findSingleByType(SqsClient.class),
                    registry.lookupByNameAndType("deadLetterQueue", DeadLetterQueue.class).url(),
                    camel.createProducerTemplate(),
                    registry.lookupByNameAndType("deadLetterOverflow", DeadLetterOverflow.class));
            return redrive.run(max, dryRun).summary(settings.deadLetterQueue());
        });
    }
}
