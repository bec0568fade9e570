package io.evmsim.api.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Keys and their hashes. A key is {@code evs_} and 256 random bits in base64url (47 characters, safe in a URL
 * path): with that much entropy a fast SHA-256 is as safe to store as a slow password hash, and costs
 * microseconds per request.
 */
final class ApiKeySecrets {
    static final String PREFIX = "evs_";
    /** Shown in lists to recognise a key: the prefix and 6 characters (36 bits, not enough to guess the rest). */
    static final int SHOWN_CHARACTERS = PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    static String newKey() {
        byte[] bits = new byte[32];
        RANDOM.nextBytes(bits);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String shown(String key) {
        return key.substring(0, SHOWN_CHARACTERS);
    }
}
