package io.tripflow.dynamodb;

import java.util.List;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The pieces of a table's CreateTable request. Each table's request is defined next to the class that
 * reads and writes it ({@code TripTable.request}, {@code OrderStateTable.request}, ...); the local
 * stack creates tables from it and CloudFormationTemplateTest holds the template's tables to it.
 */
public final class TableShapes {

    private TableShapes() {
    }

    /** An on-demand table of items with one string key and no index. */
    public static CreateTableRequest keyed(String table, String key) {
        return onDemand(table).attributeDefinitions(string(key)).keySchema(key(key, KeyType.HASH)).build();
    }

    public static CreateTableRequest.Builder onDemand(String table) {
        return CreateTableRequest.builder().tableName(table).billingMode(BillingMode.PAY_PER_REQUEST);
    }

    /** An index on two string keys; no projected attributes makes it keys-only. */
    public static GlobalSecondaryIndex index(String name, String hash, String range, List<String> projected) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(projected.isEmpty() ? Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()
                        : Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(projected).build())
                .build();
    }

    public static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    public static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
