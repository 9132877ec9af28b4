package io.tripflow.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.tripflow.TripflowApplication;
import io.tripflow.config.TripflowSettings;
import io.tripflow.engine.RouteVariables;
import io.tripflow.localstack.LocalAwsStack;
import io.tripflow.replay.Replay;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.files.StreamPublisher;
import io.tripflow.trip.files.TripEventRecord;
import io.tripflow.trip.kpi.KpiSchedule;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@Command(name = "demo", description = "Run the whole pipeline on the embedded local stack: replay CSVs, wait until every event is processed, write and print the KPIs of every date. With --orders: the orders line on the sample shop files.")
public class DemoCommand implements Callable<Integer> {

    /** An object of the KPI bucket copied under --out, and printed. */
    private void copyAndPrint(S3Client s3, String bucket, String key) throws Exception {
        Path file = out.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        System.out.println("\n" + file + " (s3://" + bucket + "/" + key + "):");
        System.out.println(Files.readString(file));
    }

    private static final List<String> CONSUMER_ROUTES = List.of("trip-start", "trip-end", "trip-events");

    @Option(names = "--start-csv", description = "trip_start CSV (default: samples/trip_start.csv)")
    Path startCsv;

    @Option(names = "--end-csv", description = "trip_end CSV (default: samples/trip_end.csv)")
    Path endCsv;

    @Option(names = "--out", defaultValue = "out", description = "where the KPI files are copied (default: ./out)")
    Path out;

    @Option(names = "--orders", description = "run the orders line instead: drop the shop files (items first), print their reports and the order and category KPI rows")
    boolean orders;

    @Option(names = "--shop-dir", description = "the shop files for --orders (default: samples/orders)")
    Path shopDir;

    @Option(names = "--keep-running", description = "stay up after the demo (Ctrl-C to stop)")
    boolean keepRunning;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "how long to wait for processing (ISO-8601 duration)")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (orders) {
            return new OrdersDemo(Objects.requireNonNullElse(shopDir, DevStack.home().resolve("samples/orders")), out, timeout).run();
        }
        Path start = Objects.requireNonNullElse(startCsv, DevStack.home().resolve("samples/trip_start.csv"));
        Path end = Objects.requireNonNullElse(endCsv, DevStack.home().resolve("samples/trip_end.csv"));
        List<TripEventRecord> events = Replay.readEvents(start, end);

        LocalAwsStack stack = DevStack.startProvisioned();
        TripflowApplication app = new TripflowApplication(DevStack.devOverrides(), TripflowApplication.Mode.PIPELINE);
        CamelContext camel = app.start();
        try {
            var registry = camel.getRegistry();
            TripflowSettings settings = registry.findSingleByType(TripflowSettings.class);
            Replay.publish(events, new StreamPublisher(registry.findSingleByType(KinesisClient.class)),
                    settings.streamOf(), 0, System.out);
            awaitProcessed(camel, events.size());

            ProducerTemplate producer = camel.createProducerTemplate();
            KpiSchedule schedule = registry.findSingleByType(KpiSchedule.class);
            S3Client s3 = registry.findSingleByType(S3Client.class);
            for (LocalDate date : dropoffDates(events)) {
                producer.requestBodyAndHeader("direct:daily-kpi", null, RouteVariables.KPI_DATE, date);
                copyAndPrint(s3, settings.kpiBucket(), schedule.objectKey(date));
            }
            copyAndPrint(s3, settings.kpiBucket(), settings.kpiCsvKey());
            reportDeadLetters(registry.findSingleByType(SqsClient.class), settings);
            if (keepRunning) {
                System.out.println("\nThe pipeline keeps running on the local stack. To use it from another shell:");
                stack.environment().forEach((name, value) -> System.out.println("export " + name + "=" + value));
                new CountDownLatch(1).await();
            }
            return 0;
        } finally {
            app.stop();
            stack.close();
        }
    }

    /** Every record counts once it completed: stored, or dead-lettered with its reason. */
    private void awaitProcessed(CamelContext camel, int expected) throws InterruptedException {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        Instant deadline = Instant.now().plus(timeout);
        long done = 0;
        long shown = -1;
        while (done < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + done + " of " + expected + " events processed within " + timeout);
            }
            Thread.sleep(500);
            done = CONSUMER_ROUTES.stream().map(managed::getManagedRoute).filter(Objects::nonNull)
                    .mapToLong(ManagedRouteMBean::getExchangesCompleted).sum();
            if (done != shown) {
                System.out.printf("processed %d/%d events%n", done, expected);
                shown = done;
            }
        }
    }

    private static SortedSet<LocalDate> dropoffDates(List<TripEventRecord> events) {
        SortedSet<LocalDate> dates = new TreeSet<>();
        events.stream().filter(e -> e.side() == TripHalf.Side.END && e.eventTime() != null)
                .forEach(e -> dates.add(LocalDate.ofInstant(e.eventTime(), ZoneOffset.UTC)));
        return dates;
    }

    private static void reportDeadLetters(SqsClient sqs, TripflowSettings settings) {
        String url = sqs.getQueueUrl(b -> b.queueName(settings.deadLetterQueue())).queueUrl();
        String count = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        System.out.println("Dead-letter queue " + settings.deadLetterQueue() + ": " + count + " rejected event(s), each with its reason (see the log above).");
    }
}
