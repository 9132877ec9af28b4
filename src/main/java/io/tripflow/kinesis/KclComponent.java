package io.tripflow.kinesis;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code kcl:<stream>}: consumes a Kinesis stream through the Kinesis Client Library, with leases
 * and checkpoints in DynamoDB. Endpoint options override the component's settings per stream.
 */
public class KclComponent extends DefaultComponent {

    private final KclSettings settings;

    public KclComponent(KclSettings settings) {
        this.settings = settings;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        KclEndpoint endpoint = new KclEndpoint(uri, this, remaining, settings);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
