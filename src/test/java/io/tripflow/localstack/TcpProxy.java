package io.tripflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of one emulated service, for what a real network does to it:
 * <ul>
 * <li>latency: every chunk a client sends is held for a fixed delay before it is passed on (one
 *     request, one delay); answers flow back at once;</li>
 * <li>an outage: {@link #blackHole()} cuts every open connection and from then on accepts
 *     connections that never get an answer, until {@link #restore()};</li>
 * <li>what the service sent back, in bytes ({@link #bytesAnswered()}): what its clients downloaded.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final long delayMillis;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean blackHoled;
    private final AtomicLong answered = new AtomicLong();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        return t;
    });

    public TcpProxy(int targetPort) throws IOException {
        this(targetPort, 0);
    }

    public TcpProxy(int targetPort, long delayMillis) throws IOException {
        this.targetPort = targetPort;
        this.delayMillis = delayMillis;
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** Bytes the service has sent back to its clients through this proxy so far. */
    public long bytesAnswered() {
        return answered.get();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on nothing gets through: open connections are cut, new ones hang. */
    public void blackHole() {
        blackHoled = true;
        open.forEach(TcpProxy::closeQuietly);
    }

    /** Connections go through again; the ones that hung are cut, so their clients retry. */
    public void restore() {
        blackHoled = false;
        open.forEach(TcpProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                if (blackHoled) {
                    continue; // held open, never answered
                }
                Socket target = new Socket();
                target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
                open.add(target);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                threads.execute(() -> pump(client, target, delayMillis, new AtomicLong()));
                threads.execute(() -> pump(target, client, 0, answered));
            } catch (IOException closed) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, long delay, AtomicLong bytes) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                out.write(buffer, 0, n);
                out.flush();
                bytes.addAndGet(n);
            }
        } catch (IOException | InterruptedException done) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(TcpProxy::closeQuietly);
        threads.shutdownNow();
    }
}
