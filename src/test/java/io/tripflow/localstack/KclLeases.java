package io.tripflow.localstack;

import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A stream's leases written into its fresh KCL lease table before tripflow first starts, as KCL's
 * own first start would write them (one unowned lease per shard at TRIM_HORIZON). KCL waits a random
 * 1 to 30 seconds, hard-coded, before it syncs the shards of an empty lease table; with the leases
 * there, a test's first start takes its leases at once, as a restart does.
 */
final class KclLeases {

    private KclLeases() {
    }

    static void seed(KinesisClient kinesis, DynamoDbClient dynamoDb, String stream, String leaseTable) {
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            Map<String, AttributeValue> lease = new HashMap<>();
            lease.put("leaseKey", AttributeValue.fromS(shard.shardId()));
            lease.put("leaseCounter", AttributeValue.fromN("0"));
            lease.put("checkpoint", AttributeValue.fromS("TRIM_HORIZON"));
            lease.put("checkpointSubSequenceNumber", AttributeValue.fromN("0"));
            lease.put("ownerSwitchesSinceCheckpoint", AttributeValue.fromN("0"));
            lease.put("startingHashKey", AttributeValue.fromS(shard.hashKeyRange().startingHashKey()));
            lease.put("endingHashKey", AttributeValue.fromS(shard.hashKeyRange().endingHashKey()));
            // only where no lease is yet: a table KCL has written already is left as it is
            dynamoDb.putItem(b -> b.tableName(leaseTable).item(lease).conditionExpression("attribute_not_exists(leaseKey)"));
        }
    }
}
