package io.tripflow.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tripflow.localstack.TestStack;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Looks into a test's dead-letter queue. */
final class DeadLetterProbe {

    private final SqsClient sqs = TestStack.clients().sqs();
    private final String url;
    private final List<Message> received = new ArrayList<>();

    DeadLetterProbe(Map<String, String> settings) {
        url = sqs.getQueueUrl(b -> b.queueName(settings.get("tripflow.dead-letter.queue"))).queueUrl();
    }

    /** Messages in the queue, visible or not, without receiving them. */
    int count() {
        var attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /**
     * Every message received so far (kept, so repeated calls accumulate). Received messages stay
     * invisible for ten minutes, so each is returned once.
     */
    List<Message> receiveAll() {
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .visibilityTimeout(600)).messages();
            received.addAll(batch);
        } while (!batch.isEmpty());
        return received;
    }
}
