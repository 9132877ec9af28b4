package io.tripflow.intake;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A file's bytes as they are read from S3, counted once: each count goes to a listener (the report's
 * {@code bytes_read}), and a failure of the stream below is remembered, so that whatever reads on top
 * (the gzip inflater) can tell the connection's failures from its own.
 */
final class CountedStream extends FilterInputStream {

    private final LongConsumer onRead;
    private long bytes;
    private IOException thrown;

    /** @param onRead told the number of bytes of each read */
    CountedStream(InputStream in, LongConsumer onRead) {
        super(in);
        this.onRead = onRead;
    }

    long bytes() {
        return bytes;
    }

    /** True when the stream below threw this failure (rather than something reading from it). */
    boolean threw(IOException e) {
        return e == thrown;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = super.read();
        } catch (IOException e) {
            thrown = e;
            throw e;
        }
        counted(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, length);
        } catch (IOException e) {
            thrown = e;
            throw e;
        }
        counted(Math.max(n, 0));
        return n;
    }

    private void counted(int n) {
        bytes += n;
        onRead.accept(n);
    }
}
