package netrec.it.client;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Signs a GET of an S3 object with AWS's SDK ({@code S3Presigner}, SigV4, the example key id of AWS's documentation
 * and the secret {@code SECRET}) for the endpoint {@code ENDPOINT}, bucket {@code BUCKET} and key {@code KEY} given
 * ({@code ENDPOINT BUCKET KEY SECRET}), then fetches the URL as a program that got it would, with HttpURLConnection. Prints {@code signed: URL}, then the status and the body; exit 3 with the
 * failure on stdout.
 */
public final class PresignedS3Main {
    /** AWS's documented example access key id. */
    public static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";

    private PresignedS3Main() {
    }

    public static void main(String[] args) throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create(args[0]))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, args[3])))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            URL url = presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(10))
                    .getObjectRequest(get -> get.bucket(args[1]).key(args[2]))).url();
            System.out.println("signed: " + url);
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            try (InputStream in = connection.getInputStream()) {
                System.out.println(connection.getResponseCode() + " " + new String(in.readAllBytes(),
                        StandardCharsets.UTF_8));
            }
            System.exit(0);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.out.flush();
            System.exit(3);
        }
    }
}
