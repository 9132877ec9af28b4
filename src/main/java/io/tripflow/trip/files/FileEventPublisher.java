package io.tripflow.trip.files;

import java.util.List;
import java.util.function.Function;

import io.tripflow.engine.RouteVariables;
import io.tripflow.intake.FileReport;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** How the trip-files intake delivers a batch: onto the streams (PutRecords, key = trip_id, only failed entries again). */
public class FileEventPublisher {

    private final StreamPublisher publisher;
    private final Function<TripEventRecord, String> streamOf;

    public FileEventPublisher(StreamPublisher publisher, Function<TripEventRecord, String> streamOf) {
        this.publisher = publisher;
        this.streamOf = streamOf;
    }

    public void publish(@Body List<TripEventRecord> batch, @ExchangeProperty(RouteVariables.FILE_REPORT) FileReport report)
            throws InterruptedException {
        publisher.publish(batch, streamOf);
        report.addDelivered(batch.size());
    }
}
