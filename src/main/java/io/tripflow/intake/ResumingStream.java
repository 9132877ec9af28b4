package io.tripflow.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An object's bytes that survive a broken connection: when reading fails, or the stream ends before
 * the object's length, it opens the object again from the first byte not yet read (an S3 ranged GET
 * of the same ETag) and goes on, so a long file is never cut short and never read twice. S3 and
 * its emulators do drop long, slow downloads ("Read timed out" after a million rows in benchmark 6).
 * After {@value #MAX_REOPENS} reopenings without progress it gives up with the last failure, and
 * the file is taken in again later.
 */
public final class ResumingStream extends InputStream {

    /** Opens the object from a byte offset (fails when its ETag changed meanwhile). */
    @FunctionalInterface
    public interface Opener {
        InputStream openFrom(long offset) throws IOException;
    }

    static final int MAX_REOPENS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ResumingStream.class);

    private final Opener opener;
    private final long length;
    private final String name;
    private InputStream current;
    private long position;
    private int reopensWithoutProgress;

    /** @param length the object's length in bytes, which the stream must deliver in full */
    public ResumingStream(InputStream first, long length, String name, Opener opener) {
        this.current = first;
        this.length = length;
        this.name = name;
        this.opener = opener;
    }

    /**
     * The stream of an S3 object's version, read on from where it broke with a ranged GET of the same
     * ETag; when the key holds another version by then, or none, a {@link FileVersionGoneException}.
     */
    public static ResumingStream ofS3Object(S3Client s3, InputStream first, long length, String bucket, String key, String etag) {
        return new ResumingStream(first, length, key, offset -> {
            try {
                return s3.getObject(b -> b.bucket(bucket).key(key).ifMatch(etag).range("bytes=" + offset + "-"));
            } catch (S3Exception e) {
                if (e.statusCode() == 412 || e.statusCode() == 404) {
                    throw new FileVersionGoneException(key + " (ETag " + etag + ") was overwritten or deleted while it was read, after byte "
                            + offset + " of " + length, e);
                }
                throw new IOException("could not read " + key + " (ETag " + etag + ") on from byte " + offset + ": " + e.getMessage(), e);
            } catch (SdkException e) {
                throw new IOException("could not read " + key + " (ETag " + etag + ") on from byte " + offset + ": " + e.getMessage(), e);
            }
        });
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (true) {
            if (position >= length) {
                return -1;
            }
            IOException failure;
            try {
                int n = current.read(buffer, offset, count);
                if (n > 0) {
                    position += n;
                    reopensWithoutProgress = 0;
                    return n;
                }
                failure = new IOException("the stream ended at byte " + position + " of " + length);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                failure = e;
            }
            reopen(failure);
        }
    }

    private void reopen(IOException failure) throws IOException {
        if (++reopensWithoutProgress > MAX_REOPENS) {
            throw failure;
        }
        LOG.warn("Reading {} failed at byte {} of {} ({}); reading on from there", name, position, length, failure.getMessage());
        closeQuietly();
        current = opener.openFrom(position);
    }

    private void closeQuietly() {
        try {
            current.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the broken stream of {}: {}", name, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
