package netrec.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
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
 * are sent only where S3 requires them, which every such store takes; netrec checks every object's SHA-256 itself.
 * No credential is ever said in a message.
 */
public final class S3Store implements ObjectStore {
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
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        Region region;
        try {
            region = new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkException none) {
            if (endpoint == null || endpoint.isEmpty()) {
                throw new IOException("no AWS region is set for bucket " + bucket + ": set AWS_REGION (or a profile's "
                        + "region), or AWS_ENDPOINT_URL_S3 for a store other than AWS");
            }
            region = Region.US_EAST_1;
        }
        builder.region(region);
        String where = "bucket " + bucket + " in " + region.id();
        if (endpoint != null && !endpoint.isEmpty()) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
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
        try {
            client.copyObject(copy -> copy.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket)
                    .destinationKey(key).metadataDirective(MetadataDirective.REPLACE)
                    .metadata(Map.of("netrec-used", Instant.now().toString())));
            return true;
        } catch (NoSuchKeyException absent) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("keeping " + key, e);
        } catch (SdkException e) {
            throw failure("keeping " + key, e);
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
        for (ListObjectsV2Response page : pages(prefix, "/")) {
            for (CommonPrefix folder : page.commonPrefixes()) {
                folders.add(folder.prefix());
            }
        }
        return folders;
    }

    @Override
    public List<Stored> list(String prefix) throws IOException {
        List<Stored> objects = new ArrayList<>();
        for (ListObjectsV2Response page : pages(prefix, null)) {
            for (S3Object object : page.contents()) {
                objects.add(new Stored(object.key(), object.size(), object.lastModified()));
            }
        }
        return objects;
    }

    private Iterable<ListObjectsV2Response> pages(String prefix, String delimiter) throws IOException {
        try {
            List<ListObjectsV2Response> pages = new ArrayList<>();
            client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
                    .delimiter(delimiter).build()).forEach(pages::add);
            return pages;
        } catch (SdkException e) {
            throw failure("listing " + prefix, e);
        }
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

    private IOException failure(String what, SdkException e) {
        return new IOException(what + " in " + where + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        client.close();
    }
}
