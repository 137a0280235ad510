package fr.ent.support.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import fr.ent.testsupport.RealServersResource;
import fr.ent.testsupport.TestTokens;
import fr.ent.testsupport.TestTokens.TestUser;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A verified token is remembered until it expires, and nothing but a verified token is. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class VerifiedTokensTest {

    private static final String GUARDED = "/api/dead-letters"; // operateur only

    @Inject
    VerifiedTokens tokens;

    @Test
    void aVerifiedTokenIsRememberedAndAnswersTheNextRequestsWithTheSameIdentity() {
        String token = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR));
        assertNull(tokens.find(token));
        given().auth().oauth2(token).get(GUARDED).then().statusCode(200);
        SecurityIdentity remembered = tokens.find(token);
        assertNotNull(remembered, "verified once, remembered");
        long served = tokens.served();
        given().auth().oauth2(token).get(GUARDED).then().statusCode(200);
        assertEquals(served + 1, tokens.served(), "the next request is answered from what was remembered, without "
                + "verifying the token again");
        assertSame(remembered, tokens.find(token));
        // another user's token is verified for itself: a teacher stays refused where only operators may go
        String teacher = TestTokens.sign(TestUser.withRole(Roles.ENSEIGNANT, "0750654D"));
        given().auth().oauth2(teacher).get(GUARDED).then().statusCode(403);
        given().auth().oauth2(teacher).get(GUARDED).then().statusCode(403);
    }

    @Test
    void aRememberedTokenIsKnownWhateverTheCaseOfItsSchemeAndTheRestIsLeftToTheOidcExtension() {
        // a user of its own: a token signed in the same second for the same user is the same token
        String token = TestTokens.sign(new TestUser("scheme", "OPE-SCHEME", Set.of(Roles.OPERATEUR), List.of()));
        given().auth().oauth2(token).get(GUARDED).then().statusCode(200);
        long served = tokens.served();
        given().header("Authorization", "bearer  " + token).get(GUARDED).then().statusCode(200);
        assertEquals(served + 1, tokens.served(), "answered from what was remembered");
        // no token, another scheme, a token never verified: the OIDC extension answers, as without the cache
        given().get(GUARDED).then().statusCode(401);
        given().header("Authorization", "Basic b3BlcmF0ZXVyOnNlY3JldA==").get(GUARDED).then().statusCode(401);
        given().auth().oauth2("not-a-token").get(GUARDED).then().statusCode(401);
        assertEquals(served + 1, tokens.served(), "nothing else answered from what was remembered");
    }

    @Test
    void aTamperedCopyOfARememberedTokenIsRefused() {
        String token = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR));
        given().auth().oauth2(token).get(GUARDED).then().statusCode(200);
        String signature = token.substring(token.lastIndexOf('.') + 1);
        String tampered = token.substring(0, token.lastIndexOf('.') + 1)
                + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        given().auth().oauth2(tampered).get(GUARDED).then().statusCode(401);
        assertNull(tokens.find(tampered));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws InterruptedException {
        String token = TestTokens.sign(TestUser.withRole(Roles.OPERATEUR), Duration.ofSeconds(2));
        given().auth().oauth2(token).get(GUARDED).then().statusCode(200);
        given().auth().oauth2(token).get(GUARDED).then().statusCode(200);
        assertNotNull(tokens.find(token));
        Thread.sleep(3_000);
        assertNull(tokens.find(token), "forgotten at its expiry");
        given().auth().oauth2(token).get(GUARDED).then().statusCode(401);
    }
}
