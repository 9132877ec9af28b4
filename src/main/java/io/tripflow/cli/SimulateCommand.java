package io.tripflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tripflow.TripflowApplication;
import io.tripflow.config.TripflowSettings;
import io.tripflow.replay.Replay;
import io.tripflow.simulate.Simulation;
import io.tripflow.trip.files.StreamPublisher;
import org.apache.camel.CamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.kinesis.KinesisClient;

@Command(name = "simulate", description = "Publish made-up trips that resemble the real data onto the configured streams, with the "
        + "disturbances asked for, then print (and with --expect write) the exact KPIs per date the pipeline must produce from them. "
        + "The same seed gives the same run.")
public class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--trips", required = true, paramLabel = "N", description = "how many trips")
    long trips;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R", description = "events per second (0: as fast as the streams accept)")
    int rate;

    @Option(names = "--date", paramLabel = "D", description = "the UTC date of the pick-ups, YYYY-MM-DD (default: yesterday)")
    LocalDate date;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "the seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--duplicates", defaultValue = "0", paramLabel = "P", description = "probability that a half is sent twice")
    double duplicates;

    @Option(names = "--out-of-order", defaultValue = "0", paramLabel = "P", description = "probability that a trip's end is sent before its start")
    double outOfOrder;

    @Option(names = "--late", defaultValue = "0", paramLabel = "P", description = "probability that a trip's end is sent after every other event")
    double late;

    @Option(names = "--malformed", defaultValue = "0", paramLabel = "P",
            description = "probability of an extra, invalid record after a trip (the pipeline must dead-letter each)")
    double malformed;

    @Option(names = "--expect", paramLabel = "FILE", description = "also write the expected KPIs to FILE, as JSON")
    Path expect;

    @Override
    public Integer call() throws Exception {
        Simulation simulation;
        try {
            simulation = new Simulation(new Simulation.Options(trips, date != null ? date : LocalDate.now(ZoneOffset.UTC).minusDays(1),
                    seed, duplicates, outOfOrder, late, malformed));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String expected = TripflowApplication.runOnce(TripflowApplication.Mode.NO_ROUTES, camel -> simulate(camel, simulation, rate));
        System.out.println(expected);
        if (expect != null) {
            Files.writeString(expect, expected + "\n");
        }
        return 0;
    }

    /** Publishes the run onto the streams of the settings in the registry; returns the expected KPIs as a JSON document. */
    public static String simulate(CamelContext camel, Simulation simulation, int rate) throws Exception {
        TripflowSettings settings = camel.getRegistry().findSingleByType(TripflowSettings.class);
        var publisher = new StreamPublisher(camel.getRegistry().findSingleByType(KinesisClient.class));
        Simulation.Expected expected = simulation.expected(settings.analyticsRules());
        Replay.publish(simulation.events(), expected.events(), "simulated", publisher, settings.streamOf(), rate, System.out);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(expected.toJson());
    }
}
