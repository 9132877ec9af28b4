package io.tripflow.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import io.tripflow.config.TripflowSettings;
import io.tripflow.replay.Replay;
import io.tripflow.replay.StreamPublisher;
import org.apache.camel.CamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisClient;

@Command(name = "replay", description = "Publish trip_start / trip_end CSV rows as JSON events onto the streams, interleaved by event time.")
public class ReplayCommand implements Callable<Integer> {

    @Option(names = "--start-csv", required = true, description = "trip_start CSV file")
    Path startCsv;

    @Option(names = "--end-csv", required = true, description = "trip_end CSV file")
    Path endCsv;

    @Option(names = "--rate", defaultValue = "0", description = "events per second (0: as fast as the streams accept)")
    int rate;

    @Override
    public Integer call() throws Exception {
        TripflowApplication.runOnce(TripflowApplication.Mode.NO_ROUTES, camel -> replay(camel, startCsv, endCsv, rate));
        return 0;
    }

    static long replay(CamelContext camel, Path startCsv, Path endCsv, int rate) throws Exception {
        TripflowSettings settings = camel.getRegistry().findSingleByType(TripflowSettings.class);
        var publisher = new StreamPublisher(camel.getRegistry().findSingleByType(KinesisClient.class));
        return Replay.publish(Replay.readEvents(startCsv, endCsv), publisher, Replay.streamsOf(settings), rate, System.out);
    }
}
