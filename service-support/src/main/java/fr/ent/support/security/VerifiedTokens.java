package fr.ent.support.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens already verified, remembered until they expire: a page calls several endpoints with the same token,
 * and a token's signature check and claims parsing cost more than most of the requests they guard (measured on the
 * class choice: two thirds of the service's CPU). Only a token that passed the OIDC extension's whole verification
 * (signature, issuer, audience, expiry) is remembered, keyed by its exact text, with the identity that verification
 * built; it is forgotten at its expiry, or after {@code ent.security.verified-tokens.max-age} (60 s), whichever comes
 * first. Nothing the verification decides changes during a token's life (bearer tokens are verified locally: a
 * revoked token stays valid until it expires either way). The cache is bounded
 * ({@code ent.security.verified-tokens.max-size}, 10,000): full, it is emptied.
 */
@ApplicationScoped
public class VerifiedTokens {

    private record Verified(SecurityIdentity identity, long validUntilMillis) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicLong served = new AtomicLong();
    private final long maxAgeMillis;
    private final int maxSize;

    public VerifiedTokens(
            @ConfigProperty(name = "ent.security.verified-tokens.max-age", defaultValue = "60s") Duration maxAge,
            @ConfigProperty(name = "ent.security.verified-tokens.max-size", defaultValue = "10000") int maxSize) {
        this.maxAgeMillis = maxAge.toMillis();
        this.maxSize = maxSize;
    }

    /** Authentications answered from what was remembered. */
    long served() {
        return served.get();
    }

    /** The identity a bearer token was verified to, while it is valid; else null. */
    SecurityIdentity find(String token) {
        Verified found = token == null ? null : verified.get(token);
        if (found == null) {
            return null;
        }
        if (System.currentTimeMillis() >= found.validUntilMillis()) {
            verified.remove(token, found);
            return null;
        }
        served.incrementAndGet();
        return found.identity();
    }

    /** Remembers an identity the OIDC extension verified from a bearer token, until the token expires. */
    void remember(SecurityIdentity identity) {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        if (credential == null || credential.getToken() == null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        long until = Math.min(jwt.getExpirationTime() * 1000, now + maxAgeMillis);
        if (until > now) {
            if (verified.size() >= maxSize) {
                verified.clear();
            }
            verified.putIfAbsent(credential.getToken(), new Verified(identity, until));
        }
    }

    /**
     * Tried before the OIDC extension's mechanism (mechanisms of a higher priority first): a request whose bearer
     * token is remembered gets its identity at once, or nothing (then the OIDC extension reads and verifies the token).
     * In front of the mechanism, not behind it as an identity provider: the OIDC mechanism decodes the token's claims
     * before any provider is asked (to tell a JWT from an opaque token), 14 % of class-service's CPU under P1's class
     * choice load. It never challenges: a refused request gets the OIDC extension's answer.
     */
    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {

        private static final String BEARER = "Bearer ";

        private final VerifiedTokens tokens;

        public Mechanism(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
            String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
            boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
            return Uni.createFrom().item(bearer ? tokens.find(header.substring(BEARER.length()).trim()) : null);
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().nullItem();
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(TokenAuthenticationRequest.class);
        }

        @Override
        public int getPriority() {
            return 2000;
        }
    }

    /** Runs after every authentication that succeeded, last, to remember the identity as the others left it. */
    @ApplicationScoped
    public static class Remember implements SecurityIdentityAugmentor {

        private final VerifiedTokens tokens;

        public Remember(VerifiedTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public int priority() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            tokens.remember(identity);
            return Uni.createFrom().item(identity);
        }
    }
}
