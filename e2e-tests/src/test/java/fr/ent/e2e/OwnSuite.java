package fr.ent.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The five services of a test's own, from their built jars, on the stack's Kafka, PostgreSQL, Keycloak and mail sink:
 * databases and a topic namespace made for the run, trusting a realm made for it, the académie starting in
 * {@code fromYear} — so that switching it over leaves the stack's own services, and every other test, where they were.
 * Closing it stops the processes and drops the databases (the realm is the test's to delete).
 */
final class OwnSuite implements AutoCloseable {

    static final List<String> SERVICES = List.of("onde-sync-service", "class-service", "identity-service",
            "content-service", "rollover-service");

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<String> databases = new ArrayList<>();

    /**
     * @param run a short name of the run: the databases' prefix, the namespace's and the instance ids' part
     * @param id the run's random suffix
     */
    OwnSuite(String run, String id, String realm, String fromYear, Path work) {
        String namespace = run + "-" + id + ".";
        String keycloak = Stack.env("ENT_KEYCLOAK_URL");
        for (String service : SERVICES) {
            String database = run + "_" + service.replace("-service", "").replace('-', '_') + "_" + id;
            StackServers.execute("postgres", "CREATE DATABASE " + database);
            databases.add(database);
            Map<String, String> env = new HashMap<>();
            env.put("ENT_INSTANCE_ID", service + "-" + run + "-" + id);
            env.put("ENT_ONDE_CURRENT_SCHOOL_YEAR", fromYear);
            env.put("ENT_CLASSES_CURRENT_SCHOOL_YEAR", fromYear);
            env.put("ENT_ROLLOVER_CURRENT_SCHOOL_YEAR", fromYear);
            env.put("ENT_ONDE_IMPORT_DIR", work.resolve("imports").toString());
            env.put("ENT_IDENTITY_KEYCLOAK_URL", keycloak);
            env.put("ENT_IDENTITY_KEYCLOAK_REALM", realm);
            env.put("QUARKUS_MAILER_PORT", Stack.env("ENT_MAIL_SMTP_PORT"));
            env.put("ENT_CONTENT_BLOBS_DIR", work.resolve("blobs").toString());
            if (service.equals("rollover-service")) {
                // asked for the operators' overview and the reminders' previews: the run's own services (made first)
                env.put("ENT_ROLLOVER_ONDE_SYNC_URL", services.get("onde-sync-service").url(""));
                env.put("ENT_ROLLOVER_CONTENT_URL", services.get("content-service").url(""));
            }
            env = StackServers.serviceEnv(database, namespace, env);
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak + "/realms/" + realm);
            ServiceProcess process = new ServiceProcess(service, service, env, work, "-Xmx256m");
            processes.add(process);
            services.put(service, process);
        }
    }

    ServiceProcess get(String service) {
        return services.get(service);
    }

    /** Starts the services, and these other processes of the run, side by side; returns once all are ready. */
    OwnSuite start(ServiceProcess... others) {
        List<ServiceProcess> all = new ArrayList<>(processes);
        all.addAll(List.of(others));
        processes.addAll(List.of(others));
        CompletableFuture.allOf(all.stream().map(p -> CompletableFuture.runAsync(p::start))
                .toArray(CompletableFuture[]::new)).join();
        return this;
    }

    @Override
    public void close() {
        processes.forEach(ServiceProcess::close);
        for (String database : databases) {
            StackServers.execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
