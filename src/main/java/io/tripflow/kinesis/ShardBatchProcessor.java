package io.tripflow.kinesis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * KCL's per-shard callback. KCL calls it from one thread at a time per shard, so the fields need
 * no locking. Checkpoints only ever name a record whose whole batch is done.
 */
final class ShardBatchProcessor implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(ShardBatchProcessor.class);
    private static final int CHECKPOINT_ATTEMPTS = 5;

    private final KclConsumer consumer;
    private String shardId;
    private ShardLag lag = ShardLag.NONE;
    /** The last record of the last fully delivered batch, or null if none since the lease began. */
    private KinesisClientRecord lastDone;
    /**
     * Set once a batch was given up part-way (the consumer is stopping). From then on nothing more
     * is processed or checkpointed on this lease, or a later checkpoint would pass over the
     * abandoned records.
     */
    private boolean abandoned;

    ShardBatchProcessor(KclConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        lag = consumer.shardLag(shardId);
        LOG.info("Took lease on shard {} of {} at {}", shardId, consumer.getEndpoint().getStreamName(),
                input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        lag.update(input.millisBehindLatest());
        if (abandoned || input.records().isEmpty()) {
            return;
        }
        try {
            abandoned = !consumer.deliverBatch(input.records(), shardId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandoned = true;
        }
        if (abandoned) {
            return;
        }
        lastDone = input.records().get(input.records().size() - 1);
        checkpoint(input.checkpointer(), lastDone);
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // Another worker owns the shard now; it resumes from our last checkpoint. Nothing to write.
        lag.close();
        LOG.info("Lost lease on shard {} of {}", shardId, consumer.getEndpoint().getStreamName());
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        lag.close();
        if (abandoned) {
            LOG.info("Shard {} ended with records left unprocessed; leaving it for the next owner", shardId);
            return;
        }
        // KCL's contract: checkpoint at SHARD_END, or the child shards are never started.
        checkpoint(input.checkpointer(), null);
        LOG.info("Shard {} of {} ended and is fully processed", shardId, consumer.getEndpoint().getStreamName());
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        lag.close();
        if (lastDone != null) {
            checkpoint(input.checkpointer(), lastDone);
        }
    }

    private void checkpoint(RecordProcessorCheckpointer checkpointer, KinesisClientRecord upTo) {
        for (int attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt++) {
            try {
                if (upTo == null) {
                    checkpointer.checkpoint();
                } else {
                    checkpointer.checkpoint(upTo.sequenceNumber(), upTo.subSequenceNumber());
                }
                return;
            } catch (ShutdownException leaseGone) {
                LOG.info("Shard {} no longer ours; not checkpointing: {}", shardId, leaseGone.getMessage());
                return;
            } catch (ThrottlingException | KinesisClientLibDependencyException transientFailure) {
                LOG.warn("Checkpoint of shard {} failed (attempt {}): {}", shardId, attempt, transientFailure.toString());
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InvalidStateException e) {
                LOG.error("Checkpoint of shard {} rejected: {}", shardId, e.toString());
                return;
            }
        }
        // Not fatal: the next batch's checkpoint covers this one; until then a restart redelivers it.
        LOG.warn("Giving up checkpointing shard {} for now", shardId);
    }
}
