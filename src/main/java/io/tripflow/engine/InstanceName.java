package io.tripflow.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** How one start of tripflow names itself in leases (KCL's worker id, KPI run records). */
public final class InstanceName {

    private InstanceName() {
    }

    /**
     * The host (an ECS task's) and a new random id: unique per call, so a restarted process never
     * passes for the one before it, yet the leases still say which host holds them.
     */
    public static String unique() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // a container whose hostname does not resolve must still be able to take leases
            host = "unknown-host";
        }
        return host + ":" + UUID.randomUUID();
    }
}
