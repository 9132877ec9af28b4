package io.tripflow.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.tripflow.deadletter.DeadLetterMessages;
import io.tripflow.deadletter.DeadLetterOverflow;
import io.tripflow.deadletter.DeadLetterQueue;
import io.tripflow.dynamodb.LeaseTable;
import io.tripflow.engine.InstanceName;
import io.tripflow.engine.Shared;
import io.tripflow.intake.FileClaims;
import io.tripflow.intake.FileIntake;
import io.tripflow.intake.FileMoves;
import io.tripflow.intake.FileReport;
import io.tripflow.intake.FileRequeue;
import io.tripflow.intake.UnheldFiles;
import io.tripflow.kinesis.KclComponent;
import io.tripflow.metrics.EventCounters;
import io.tripflow.orders.OrderBeans;
import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.TripEventReader;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.TripStore;
import io.tripflow.trip.files.ColumnAliases;
import io.tripflow.trip.analytics.TripAnalyticsStore;
import io.tripflow.trip.files.FileEventPublisher;
import io.tripflow.trip.files.StreamPublisher;
import io.tripflow.trip.files.TripFileReader;
import io.tripflow.trip.kpi.DailyKpiCalculator;
import io.tripflow.trip.kpi.DailyReports;
import io.tripflow.trip.kpi.DateBuckets;
import io.tripflow.trip.kpi.KpiCsvExport;
import io.tripflow.trip.kpi.KpiRuns;
import io.tripflow.trip.kpi.KpiSchedule;
import io.tripflow.trip.kpi.OpenTripsFinder;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.spi.Registry;

/**
 * Binds everything the YAML routes refer to by name. Runs before the routes are loaded, after the
 * properties (with their env-var overrides) are known, and validates every setting first.
 */
public class TripflowBeans implements CamelConfiguration {

    private final Consumer<TripflowSettings> onSettingsLoaded;

    /** @param onSettingsLoaded told the validated settings before any bean or route is created */
    public TripflowBeans(Consumer<TripflowSettings> onSettingsLoaded) {
        this.onSettingsLoaded = onSettingsLoaded;
    }

    @Override
    public void configure(CamelContext camel) {
        TripflowSettings settings = TripflowSettings.load(key -> camel.getPropertiesComponent().resolveProperty(key));
        onSettingsLoaded.accept(settings);
        AwsClients aws = AwsClients.create(settings.s3ForcePathStyle(), settings.kinesisCbor());
        Clock clock = Clock.systemUTC();
        try {
            camel.addService(aws, true, true);
            camel.addStartupListener(new RouteLinksCheck());
        } catch (Exception e) {
            throw new IllegalStateException("could not register the AWS clients and the route check with Camel", e);
        }
        Registry registry = camel.getRegistry();
        registry.bind("tripflowSettings", settings);
        // Camel's AWS components autowire these by type.
        registry.bind("dynamoDbClient", aws.dynamoDb());
        registry.bind("sqsClient", aws.sqs());
        registry.bind("s3Client", aws.s3());
        registry.bind("kinesisClient", aws.kinesis());
        registry.bind("kinesisAsyncClient", aws.kinesisAsync());
        registry.bind("dynamoDbAsyncClient", aws.dynamoDbAsync());
        registry.bind("cloudWatchAsyncClient", aws.cloudWatchAsync());

        registry.bind("kcl", new KclComponent(settings.kcl()));
        // The registry the micrometer endpoints and Camel's own metrics use.
        registry.bind("eventCounters", new EventCounters(
                () -> MicrometerUtils.getOrCreateMeterRegistry(registry, MicrometerConstants.METRICS_REGISTRY_NAME)));
        var tripJson = TripJson.strictReader();
        registry.bind("tripJson", tripJson);
        registry.bind("tripEventReader", TripEventReader.of(tripJson, clock, settings.numberBounds()));
        registry.bind("tripStore", new TripStore(aws.dynamoDb(), settings.tripsTable(), settings.dateBuckets()));
        registry.bind("tripAnalyticsStore", new TripAnalyticsStore(aws.dynamoDb(), settings.tripsTable(),
                settings.analyticsTables(), settings.analyticsRules()));
        var overflow = new DeadLetterOverflow(aws.s3(), settings.kpiBucket(), settings.deadLetterOverflowPrefix());
        registry.bind("deadLetterOverflow", overflow);
        registry.bind("deadLetterMessages", new DeadLetterMessages(clock, settings.deadLetterMaxMessageBytes(), overflow));
        registry.bind("deadLetterQueue", new DeadLetterQueue(aws.sqs(), settings.deadLetterQueue()));
        var dateBuckets = new DateBuckets(aws.dynamoDb(), settings.tripsTable(), settings.dateBuckets(), settings.kpiQueryParallelism());
        registry.bind("dailyReports", new DailyReports(new DailyKpiCalculator(dateBuckets, settings.analyticsRules(), clock),
                new OpenTripsFinder(dateBuckets, Duration.ofMinutes(settings.openTripsStaleAfterMinutes()), settings.openTripsMaxIds(), clock)));
        var kpiSchedule = new KpiSchedule(clock, settings.kpiKeyTemplate(), settings.kpiLookbackDays());
        registry.bind("kpiSchedule", kpiSchedule);
        registry.bind("kpiCsvExport", new KpiCsvExport(aws.s3(), settings.kpiBucket(), settings.kpiCsvKey(), kpiSchedule));
        String instance = InstanceName.unique();
        registry.bind("kpiRuns", new KpiRuns(new LeaseTable(aws.dynamoDb(), settings.kpiRunsTable(), clock,
                Duration.ofSeconds(settings.kpiRunLeaseSeconds()), instance)));
        bindFileIntake(registry, settings, aws, clock, instance);
        OrderBeans.bind(registry, camel.getPropertiesComponent(), settings.orders(), new Shared(aws.dynamoDb(), aws.s3(), clock, instance,
                settings.numberBounds(), settings.kpiBucket(), settings.files().reportMaxRejectedRows(), settings.kpiRunLeaseSeconds()));
    }

    private static void bindFileIntake(Registry registry, TripflowSettings settings, AwsClients aws, Clock clock, String instance) {
        var files = settings.files();
        var claims = new FileClaims(new LeaseTable(aws.dynamoDb(), files.claimsTable(), clock, Duration.ofSeconds(files.claimLeaseSeconds()), instance),
                files.maxAttempts());
        registry.bind("fileClaims", claims);
        registry.bind("unheldFiles", new UnheldFiles(aws.s3(), files.bucket(), claims));
        registry.bind("fileRequeue", new FileRequeue(aws.s3(), files.bucket(), claims, new FileMoves(aws.s3()),
                List.of(files.prefixes(), settings.orders().prefixes())));
        registry.bind("fileIntake", new FileIntake(new TripFileReader(new TimestampFormats(files.datetimeFormats()), settings.numberBounds(),
                ColumnAliases.load(settings.schemasDir().resolve(ColumnAliases.FILE)))::batches,
                aws.s3(), files.prefixes(), files.reportMaxRejectedRows(), FileReport.EVENTS_SENT, instance, clock));
        registry.bind("fileEventPublisher", new FileEventPublisher(new StreamPublisher(aws.kinesis()), settings.streamOf()));
    }
}
