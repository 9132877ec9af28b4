package io.tripflow.intake;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The S3 consumer's in-progress repository, asked about every listed key before the consumer opens
 * it (GetObject): a folder, or a file whose version another instance holds, or that waits out its
 * retry delay, is not opened at all. Opening it and then aborting its body still moved megabytes per poll into
 * socket buffers, on every replica, for as long as the file was held. A HEAD and a read of the
 * claim cost a few hundred bytes. The claim itself is taken afterwards, in the route: this only
 * spares the download, and a race here merely opens a file that the claim then leaves unread.
 */
public class UnheldFiles extends ServiceSupport implements IdempotentRepository {

    private final S3Client s3;
    private final String bucket;
    private final FileClaims claims;

    public UnheldFiles(S3Client s3, String bucket, FileClaims claims) {
        this.s3 = s3;
        this.bucket = bucket;
        this.claims = claims;
    }

    /** True when the consumer may open the file: its version is not held elsewhere (Camel's "added to in progress"). */
    @Override
    public boolean add(String key) {
        if (key.endsWith("/")) {
            // a folder, as consoles create them: nothing to take in
            return false;
        }
        String etag;
        try {
            etag = s3.headObject(b -> b.bucket(bucket).key(key)).eTag();
        } catch (NoSuchKeyException gone) {
            return false;
        } catch (SdkException unknown) {
            // the route's own steps meet the same failure and deal with it
            return true;
        }
        return !claims.heldOrWaiting(bucket, key, etag);
    }

    @Override
    public boolean contains(String key) {
        return false;
    }

    @Override
    public boolean remove(String key) {
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        // nothing is kept
    }
}
