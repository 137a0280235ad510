package fr.ent.rollover.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** rollover-service's settings ({@code ent.rollover.*}). */
@ConfigMapping(prefix = "ent.rollover")
public interface RolloverConfig {

    /** Every académie's current school year until its first switchover (the same default as the other services). */
    @WithDefault("2018-2019")
    String currentSchoolYear();

    /** content-service's API, asked for each school's switchover preview (what it will lose) in the reminders. */
    @WithDefault("http://127.0.0.1:18104")
    String contentUrl();

    /** The client rollover-service asks other services as (role {@code service}): the realm's ent-services. */
    ServiceClient serviceClient();

    interface ServiceClient {
        @WithDefault("ent-services")
        String id();

        /** Its secret: the local stack's throwaway one by default; a deployment sets its own. */
        @WithDefault("local-stack-throwaway-services-secret")
        String secret();
    }

    /** onde-sync-service's API, asked for the imports not ended in the operators' overview. */
    @WithDefault("http://127.0.0.1:18101")
    String ondeSyncUrl();

    /**
     * How long before a scheduled switchover its académie's teachers are reminded of the backup deadline (CNT-5), each
     * once; when several are due at once (a switchover scheduled close), only the nearest is sent.
     */
    @WithDefault("P14D,P3D")
    java.util.List<Duration> remindBefore();

    /** The e-mails of notifications: how often unsent ones are looked for, and how long after a failure to retry. */
    Mail mail();

    interface Mail {
        @WithDefault("PT2S")
        Duration sendEvery();

        @WithDefault("PT1M")
        Duration retryAfter();

        /** At most this many a round. */
        @WithDefault("200")
        int batchSize();

        /**
         * How long a round's mails are claimed by the instance sending them: longer than a round takes (the mail
         * server's answers), or another instance may send one of them as well.
         */
        @WithDefault("PT10M")
        Duration claimFor();
    }

    /**
     * How long past its time a due switchover may wait for participants still applying the académie's last ONDE
     * import before it starts all the same.
     */
    @WithDefault("PT30M")
    Duration startDelayMax();

    /** How often due switchovers are looked for. */
    @WithDefault("PT1S")
    Duration pollEvery();

    /** A participant with schools left and no acknowledgement for this long is flagged stuck to operators. */
    @WithDefault("PT10M")
    Duration stuckAfter();

    /** How far ahead a switchover may be scheduled. */
    @WithDefault("P400D")
    Duration maxScheduleAhead();

    /**
     * The services a switchover waits for, by name: the type of the acknowledgement each publishes per school once
     * it applied the switchover (its topic is read by the {@code acknowledgements} channel). A new participant joins
     * by configuration: {@code ent.rollover.participants.<name>.year-switch-applied=<type>} and its topic added to
     * {@code mp.messaging.incoming.acknowledgements.topics}.
     */
    Map<String, Participant> participants();

    interface Participant {
        /** The type of its acknowledgement that it applied a switchover to a school. */
        String yearSwitchApplied();

        /** The type of its acknowledgement that it applied an ONDE import to a school (a school is ready after). */
        String importApplied();
    }
}
