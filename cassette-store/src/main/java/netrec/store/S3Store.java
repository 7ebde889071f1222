package netrec.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket of an S3-compatible store, through AWS's SDK: credentials from its standard chain (environment, system
 * properties, profile, web identity, container, instance role), the region from its chain too. Another store than
 * AWS (MinIO, Ceph, R2, S3Proxy, GCS's interoperability endpoint) is named by {@code AWS_ENDPOINT_URL_S3} or
 * {@code AWS_ENDPOINT_URL}, reached with path-style requests, in region {@code us-east-1} unless one is set. Checksums
 * are sent only where S3 requires them, and uploads are signed whole rather than in aws-chunked parts, which every
 * such store takes; netrec checks every object's SHA-256 itself.
 * No credential is ever said in a message.
 */
public final class S3Store implements ObjectStore {
    /**
     * How recently an object must have been written or marked for a publishing to take it as it is; an older one is
     * marked again, which {@code gc}'s grace (24 hours by default) counts from.
     */
    static final Duration FRESH = Duration.ofHours(1);
    private final S3Client client;
    private final String bucket;
    private final String where;

    private S3Store(S3Client client, String bucket, String where) {
        this.client = client;
        this.bucket = bucket;
        this.where = where;
    }

    /** The bucket, reached as {@code environment} says. */
    public static S3Store open(String bucket, Map<String, String> environment) throws IOException {
        String endpoint = environment.getOrDefault("AWS_ENDPOINT_URL_S3", environment.get("AWS_ENDPOINT_URL"));
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        try { // looked for now, so that none found is said as such, never taken for a store that did not answer
            credentials.resolveCredentials();
        } catch (SdkException none) {
            throw new IOException("no AWS credentials were found for bucket " + bucket + ": set AWS_ACCESS_KEY_ID "
                    + "and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws, or run where a role gives "
                    + "them");
        }
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        Region region;
        try {
            // for another store than AWS, never the instance metadata service: off EC2 its lookup took a second of
            // every command
            region = (endpoint == null || endpoint.isEmpty() ? new DefaultAwsRegionProviderChain()
                    : new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider()))
                    .getRegion();
        } catch (SdkException none) {
            if (endpoint == null || endpoint.isEmpty()) {
                throw new IOException("no AWS region is set for bucket " + bucket + ": set AWS_REGION (or a profile's "
                        + "region), or AWS_ENDPOINT_URL_S3 for a store other than AWS");
            }
            region = Region.US_EAST_1;
        }
        builder.region(region).serviceConfiguration(S3Configuration.builder()
                // each upload signed whole, not in aws-chunked parts: Google Cloud Storage's S3 endpoint and some
                // smaller stores (s3rver) take no chunk signatures, and s3rver kept them in the object's bytes
                .chunkedEncodingEnabled(false)
                .pathStyleAccessEnabled(endpoint != null && !endpoint.isEmpty())
                .build());
        String where = "bucket " + bucket + " in " + region.id();
        if (endpoint != null && !endpoint.isEmpty()) {
            URI uri;
            try {
                uri = new URI(endpoint);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
                throw new IOException("AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) is '" + endpoint + "', not a URL: "
                        + "write one such as http://127.0.0.1:9000");
            }
            builder.endpointOverride(uri);
            where = "bucket " + bucket + " at " + endpoint;
        }
        try {
            return new S3Store(builder.build(), bucket, where);
        } catch (SdkException e) {
            throw new IOException("cannot reach " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean keep(String key) throws IOException {
        Instant lastModified = modified(key);
        if (lastModified == null) {
            return false;
        }
        if (lastModified.isAfter(Instant.now().minus(FRESH))) {
            return true;
        }
        try { // copied onto itself, in the store: its time is now, and no byte leaves the store
            client.copyObject(copy -> copy.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket)
                    .destinationKey(key).metadataDirective(MetadataDirective.REPLACE)
                    .metadata(Map.of("netrec-used", Instant.now().toString())));
            return true;
        } catch (NoSuchKeyException removedMeanwhile) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("marking " + key + " as used", e);
        } catch (SdkException e) {
            throw failure("marking " + key + " as used", e);
        }
    }

    @Override
    public Instant modified(String key) throws IOException {
        try {
            Instant lastModified = client.headObject(head -> head.bucket(bucket).key(key)).lastModified();
            return lastModified == null ? Instant.EPOCH : lastModified;
        } catch (NoSuchKeyException absent) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw failure("looking for " + key, e);
        } catch (SdkException e) {
            throw failure("looking for " + key, e);
        }
    }

    @Override
    public void put(String key, Path file) throws IOException {
        try {
            client.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failure("writing " + key, e);
        }
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        try {
            client.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("writing " + key, e);
        }
    }

    @Override
    public InputStream get(String key) throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> object = client.getObject(get -> get.bucket(bucket).key(key));
            return object;
        } catch (NoSuchKeyException absent) {
            return null;
        } catch (SdkException e) {
            throw failure("reading " + key, e);
        }
    }

    @Override
    public List<String> folders(String prefix) throws IOException {
        List<String> folders = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)
                    .delimiter("/"))) {
                for (CommonPrefix folder : page.commonPrefixes()) {
                    folders.add(folder.prefix());
                }
            }
        } catch (SdkException e) {
            throw failure("listing " + prefix, e);
        }
        return folders;
    }

    /** Every object under {@code prefix}, a page (a thousand keys) fetched at a time as the listing is read. */
    @Override
    public List<Stored> list(String prefix) throws IOException {
        List<Stored> objects = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(list -> list.bucket(bucket)
                    .prefix(prefix))) {
                for (S3Object object : page.contents()) {
                    objects.add(new Stored(object.key(), object.size(), object.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw failure("listing " + prefix, e);
        }
        return objects;
    }

    @Override
    public void delete(List<String> keys) throws IOException {
        for (int from = 0; from < keys.size(); from += 1000) {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (String key : keys.subList(from, Math.min(keys.size(), from + 1000))) {
                batch.add(ObjectIdentifier.builder().key(key).build());
            }
            try {
                client.deleteObjects(delete -> delete.bucket(bucket).delete(Delete.builder().objects(batch)
                        .quiet(true).build()));
            } catch (SdkException e) {
                throw failure("removing " + batch.size() + " objects", e);
            }
        }
    }

    @Override
    public String describe() {
        return where;
    }

    /**
     * The SDK's failure as netrec says it: {@link ObjectStore.Unreachable} when the store gave no answer (the
     * connection failed: refused, timed out, no such host), not when netrec never asked (no credentials found).
     */
    private IOException failure(String what, SdkException e) {
        if (e instanceof S3Exception && ((S3Exception) e).awsErrorDetails() != null
                && "NoSuchBucket".equals(((S3Exception) e).awsErrorDetails().errorCode())) {
            return new IOException(where + " does not exist: create the bucket (for example with aws s3 mb "
                    + "s3://" + bucket + "), or check the bucket's name in the address and the store it is in "
                    + "(AWS_ENDPOINT_URL_S3, AWS_REGION)", e);
        }
        String message = what + " in " + where + " failed: " + e.getMessage();
        return e instanceof SdkClientException && connectionFailed(e) ? new Unreachable(message, e)
                : new IOException(message, e);
    }

    private static boolean connectionFailed(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }
}
