package io.tripflow.deadletter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tripflow.kinesis.KinesisRecordHeaders;
import io.tripflow.trip.UpsertOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Sends dead letters back through the flow they failed in (route {@code direct:redrive} in
 * redrive.yaml) and deletes a message only once its record went through: stored, or found to be a
 * duplicate or stale. What still fails (rejected again, or a service down) stays in the queue, and
 * the report says why.
 *
 * <p>A dry run sends each record through the same validation and trip rules but not to the store
 * (route {@code direct:redrive-dry-run}): it says which records a redrive would now store and which
 * it would keep, and why, while storing, sending and deleting nothing.
 *
 * <p>Messages are held invisible while the redrive runs, so that none is read twice, and released
 * (made visible again) at the end.
 */
public class Redrive {

    /** The outcome counted for a record that a dry run found would go through. */
    private static final String WOULD_GO_THROUGH = "WOULD_GO_THROUGH";

    /** Long enough for one redrive of a large queue; kept messages are released explicitly anyway. */
    private static final int VISIBILITY_SECONDS = 900;

    /** A message left in the queue, and why. */
    public record Kept(String messageId, String sourceStream, String reason) {
    }

    /**
     * @param outcomes how often each store result occurred among the records that went through (in
     *        a dry run: {@value #WOULD_GO_THROUGH})
     * @param kept the messages left in the queue, with the reason (in a dry run: the messages a
     *        redrive would keep)
     */
    public record Report(int read, Map<String, Integer> outcomes, List<Kept> kept, boolean dryRun) {

        public int redriven() {
            return outcomes.values().stream().mapToInt(Integer::intValue).sum();
        }

        public String summary(String queue) {
            StringBuilder text = new StringBuilder();
            if (dryRun) {
                text.append("Dry run of the redrive of ").append(queue).append(": ").append(read).append(" messages read, ")
                        .append(redriven()).append(" would go through, ").append(kept.size())
                        .append(" would still fail and stay in the queue; nothing was stored, sent or deleted.\n");
            } else {
                text.append("Redrive of ").append(queue).append(": ").append(read).append(" messages read, ")
                        .append(redriven()).append(" went through and were deleted ").append(outcomes)
                        .append(", ").append(kept.size()).append(" still fail and stay in the queue.\n");
            }
            for (Kept k : kept) {
                text.append("  ").append(k.messageId()).append(" from ").append(k.sourceStream()).append(": ")
                        .append(k.reason()).append('\n');
            }
            return text.toString();
        }
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final ProducerTemplate producer;
    private final DeadLetterOverflow overflow;

    public Redrive(SqsClient sqs, String queueUrl, ProducerTemplate producer, DeadLetterOverflow overflow) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.producer = producer;
        this.overflow = overflow;
    }

    /** @param max the most messages to read */
    public Report run(int max, boolean dryRun) {
        Set<String> seen = new HashSet<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Kept> kept = new ArrayList<>();
        List<String> toRelease = new ArrayList<>();
        try {
            while (seen.size() < max) {
                int batch = Math.min(10, max - seen.size());
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batch)
                        .waitTimeSeconds(1).visibilityTimeout(VISIBILITY_SECONDS).messageAttributeNames("All")).messages();
                if (messages.isEmpty()) {
                    break;
                }
                for (Message message : messages) {
                    if (!seen.add(message.messageId())) {
                        continue;
                    }
                    Map<String, String> attributes = new HashMap<>();
                    message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
                    String source = attributes.getOrDefault(DeadLetter.SOURCE_STREAM, "(unknown stream)");
                    String failure = redrive(message, attributes, outcomes, dryRun);
                    if (failure != null) {
                        kept.add(new Kept(message.messageId(), source, failure));
                    }
                    if (failure == null && !dryRun) {
                        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    } else {
                        toRelease.add(message.receiptHandle());
                    }
                }
            }
        } finally {
            for (String handle : toRelease) {
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(handle).visibilityTimeout(0));
            }
        }
        return new Report(seen.size(), outcomes, kept, dryRun);
    }

    /** @return null when the record went through (or, in a dry run, would), else why it still fails */
    private String redrive(Message message, Map<String, String> attributes, Map<String, Integer> outcomes, boolean dryRun) {
        byte[] record;
        try {
            record = DeadLetter.storedElsewhere(attributes)
                    ? overflow.load(message.body())
                    : DeadLetter.originalRecord(message.body(), attributes);
        } catch (RuntimeException e) {
            return "record unreadable: " + e;
        }
        Exchange result = producer.send(dryRun ? "direct:redrive-dry-run" : "direct:redrive", exchange -> {
            var in = exchange.getIn();
            in.setBody(record);
            in.setHeader(KinesisRecordHeaders.STREAM_NAME, attributes.get(DeadLetter.SOURCE_STREAM));
            in.setHeader(KinesisRecordHeaders.SHARD_ID, attributes.get(DeadLetter.SHARD_ID));
            in.setHeader(KinesisRecordHeaders.SEQUENCE_NUMBER, attributes.get(DeadLetter.SEQUENCE_NUMBER));
            in.setHeader(KinesisRecordHeaders.ARRIVAL_TIME, attributes.get(DeadLetter.ARRIVAL_TIME));
        });
        Exception failure = result.getException();
        if (failure != null) {
            // Rejected again: the record itself is still wrong. Anything else: not now (a service down).
            return FailureClassifier.isPermanent(failure)
                    ? FailureClassifier.classify(failure).summary()
                    : "not redriven now (" + failure + ")";
        }
        if (dryRun) {
            outcomes.merge(WOULD_GO_THROUGH, 1, Integer::sum);
            return null;
        }
        UpsertOutcome outcome = result.getMessage().getBody(UpsertOutcome.class);
        outcomes.merge(outcome == null ? "DONE" : outcome.result().name(), 1, Integer::sum);
        return null;
    }
}
