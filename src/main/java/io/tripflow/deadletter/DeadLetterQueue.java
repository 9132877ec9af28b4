package io.tripflow.deadletter;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The dead-letter queue's URL, looked up once with GetQueueUrl. Given to the SQS endpoint so that
 * Camel does not search for the queue with ListQueues, an account-wide call that IAM cannot scope
 * to one queue.
 */
public class DeadLetterQueue {

    private final SqsClient sqs;
    private final String name;
    private volatile String url;

    public DeadLetterQueue(SqsClient sqs, String name) {
        this.sqs = sqs;
        this.name = name;
    }

    public String url() {
        String known = url;
        if (known == null) {
            known = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            url = known;
        }
        return known;
    }
}
