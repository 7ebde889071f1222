package netrec.it.tcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An admin, producer and consumer workload through Kafka's own client at {@code 127.0.0.1:PORT}: creates the topic
 * {@code orders}, sends three records one at a time (each waits for its acknowledgement, so each is a Produce
 * request of its own, stamped with the time it is sent), then reads them back from the start of the partition
 * (assigned, no consumer group). With {@code PORT USER PASSWORD}, every client logs in with SASL PLAIN. Prints each
 * answer; exit 3 with the failure on stdout.
 */
public final class KafkaClientMain {
    private KafkaClientMain() {
    }

    public static void main(String[] args) {
        String bootstrap = "127.0.0.1:" + args[0];
        try {
            Properties admin = new Properties();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "netrec-admin");
            login(admin, args);
            try (Admin topics = Admin.create(admin)) {
                topics.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();
                System.out.println("created orders");
            }
            Properties producer = new Properties();
            producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            producer.put(ProducerConfig.ACKS_CONFIG, "all");
            producer.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer.put(ProducerConfig.CLIENT_ID_CONFIG, "netrec-producer");
            login(producer, args);
            producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            try (KafkaProducer<String, String> sending = new KafkaProducer<>(producer)) {
                for (int i = 1; i <= 3; i++) {
                    RecordMetadata sent = sending.send(new ProducerRecord<>("orders", 0, "k" + i, "v" + i)).get();
                    System.out.println("sent k" + i + " at offset " + sent.offset());
                }
            }
            Properties consumer = new Properties();
            consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            consumer.put(ConsumerConfig.CLIENT_ID_CONFIG, "netrec-consumer");
            login(consumer, args);
            consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> reading = new KafkaConsumer<>(consumer)) {
                TopicPartition orders = new TopicPartition("orders", 0);
                reading.assign(List.of(orders));
                reading.seekToBeginning(List.of(orders));
                List<ConsumerRecord<String, String>> got = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got.size() < 3 && System.nanoTime() < deadline) {
                    reading.poll(Duration.ofMillis(500)).forEach(got::add);
                }
                for (ConsumerRecord<String, String> record : got) {
                    System.out.println("read " + record.key() + "=" + record.value() + " at offset " + record.offset());
                }
            }
            System.exit(0);
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
            System.exit(3);
        }
    }

    /** With a user and a password among {@code args}, {@code client} logs in with them by SASL PLAIN. */
    private static void login(Properties client, String[] args) {
        if (args.length < 3) {
            return;
        }
        client.put("security.protocol", "SASL_PLAINTEXT");
        client.put("sasl.mechanism", "PLAIN");
        client.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + args[1] + "\" password=\"" + args[2] + "\";");
    }
}
