package io.tripflow.intake;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Puts a file back to be taken in: one given up in failed/ once what failed it is fixed
 * ({@code tripflow files retry}), or one taken in before, after a settings fix that changes how it
 * reads ({@code tripflow files reprocess}; its rows are duplicates where they were stored before).
 * The claim of the version is forgotten first, then the file is moved back to incoming/, tied to
 * the version looked at: a poll in between finds no claim and takes the file in anew.
 */
public class FileRequeue {

    /** Which of a line's folders a command takes files from. */
    public enum From { FAILED, ANY }

    private final S3Client s3;
    private final String bucket;
    private final FileClaims claims;
    private final FileMoves moves;
    private final List<FileIntake.Prefixes> lines;

    public FileRequeue(S3Client s3, String bucket, FileClaims claims, FileMoves moves, List<FileIntake.Prefixes> lines) {
        this.s3 = s3;
        this.bucket = bucket;
        this.claims = claims;
        this.moves = moves;
        this.lines = lines;
    }

    /**
     * @return the key the file is back under
     * @throws IllegalArgumentException when the key is in none of the folders {@code from} allows, or names no file
     */
    public String requeue(String key, From from) {
        FileIntake.Prefixes line = lines.stream().filter(l -> folderOf(l, key, from).isPresent()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(key + " is not under " + allowed(from)));
        String incoming = line.incoming() + key.substring(folderOf(line, key, from).orElseThrow().length());
        String etag;
        try {
            etag = s3.headObject(b -> b.bucket(bucket).key(key)).eTag();
        } catch (NoSuchKeyException e) {
            throw new IllegalArgumentException("s3://" + bucket + "/" + key + " does not exist", e);
        }
        claims.forget(bucket, incoming, etag);
        if (!incoming.equals(key) && moves.move(bucket, key, etag, incoming) != FileMoves.Moved.MOVED) {
            throw new IllegalArgumentException("s3://" + bucket + "/" + key + " changed or vanished while it was put back; run the command again");
        }
        return incoming;
    }

    private static Optional<String> folderOf(FileIntake.Prefixes line, String key, From from) {
        return folders(line, from).filter(key::startsWith).findFirst();
    }

    private static Stream<String> folders(FileIntake.Prefixes line, From from) {
        return from == From.FAILED ? Stream.of(line.failed()) : Stream.of(line.failed(), line.processed(), line.rejected(), line.incoming());
    }

    private String allowed(From from) {
        return String.join(", ", lines.stream().flatMap(line -> folders(line, from)).toList());
    }
}
