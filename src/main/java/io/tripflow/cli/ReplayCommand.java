package io.tripflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import io.tripflow.config.TripflowSettings;
import io.tripflow.replay.Replay;
import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.files.StreamPublisher;
import org.apache.camel.CamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesis.KinesisClient;

@Command(name = "replay", description = "Publish trip_start / trip_end CSV rows as JSON events onto the streams, interleaved by event time.")
public class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--start-csv", required = true, description = "trip_start CSV file")
    Path startCsv;

    @Option(names = "--end-csv", required = true, description = "trip_end CSV file")
    Path endCsv;

    @Option(names = "--rate", defaultValue = "0", description = "events per second (0: as fast as the streams accept)")
    int rate;

    @Option(names = "--datetime-format", paramLabel = "PATTERN", description = "a java.time pattern for timestamps in neither ISO-8601 nor "
            + "yyyy-MM-dd HH:mm:ss (e.g. 'dd-MM-yyyy HH:mm'), read as UTC; repeatable, tried in order. Never guessed: a timestamp no "
            + "form reads is sent as it is and dead-lettered with the reason.")
    List<String> datetimeFormats = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TimestampFormats timestamps;
        try {
            timestamps = new TimestampFormats(datetimeFormats);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--datetime-format " + e.getMessage());
        }
        TripflowApplication.runOnce(TripflowApplication.Mode.NO_ROUTES, camel -> replay(camel, startCsv, endCsv, timestamps, rate));
        return 0;
    }

    static long replay(CamelContext camel, Path startCsv, Path endCsv, TimestampFormats timestamps, int rate) throws Exception {
        TripflowSettings settings = camel.getRegistry().findSingleByType(TripflowSettings.class);
        var publisher = new StreamPublisher(camel.getRegistry().findSingleByType(KinesisClient.class));
        return Replay.publish(Replay.readEvents(startCsv, endCsv, timestamps), publisher, settings.streamOf(), rate, System.out);
    }
}
