package io.tripflow.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Moves a file once it is done, tied to the version that was read: S3 has no move, and a copy and
 * a delete of whatever the key holds now would move a version uploaded during the read to
 * processed/ unread. The copy names the ETag read ({@code x-amz-copy-source-if-match}) and so does
 * the delete ({@code If-Match}): a newer version stays in incoming/ and is taken in next; a key
 * deleted meanwhile has nothing left to move. The aws2-s3 producer's copyObject cannot set either
 * condition, hence this bean on the same client.
 */
public class FileMoves {

    /** What became of the move. */
    public enum Moved { MOVED, NEWER_VERSION_LEFT, GONE }

    private static final Logger LOG = LoggerFactory.getLogger(FileMoves.class);

    private final S3Client s3;

    public FileMoves(S3Client s3) {
        this.s3 = s3;
    }

    public Moved move(String bucket, String key, String etag, String destination) {
        try {
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(key).copySourceIfMatch(etag).destinationBucket(bucket).destinationKey(destination));
        } catch (S3Exception e) {
            return unless(e, key, etag);
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).ifMatch(etag));
        } catch (S3Exception e) {
            return unless(e, key, etag);
        }
        return Moved.MOVED;
    }

    /** 412: the key holds another version now, which stays to be taken in; 404: nothing is left; anything else fails the move. */
    private static Moved unless(S3Exception e, String key, String etag) {
        if (e.statusCode() == 412) {
            LOG.info("{} holds a newer version than the one taken in (ETag {}): it stays, to be taken in next", key, etag);
            return Moved.NEWER_VERSION_LEFT;
        }
        if (e.statusCode() == 404) {
            LOG.info("{} (ETag {}) was deleted before it could be moved", key, etag);
            return Moved.GONE;
        }
        throw e;
    }
}
