package io.facestream.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides credentials in camera URLs and in any text that echoes them (FFmpeg errors, exceptions):
 * the password of {@code scheme://user:password@host} and the values of password-like query
 * parameters.
 */
public final class RedactedUrl {
    static final String MASK = "***";

    // scheme://user:password@ — the password may hold anything but '@', '/' and whitespace.
    private static final Pattern USERINFO_PASSWORD =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:@/\\s]*):([^@/\\s]*)@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;](?:password|passwd|pwd|pass|secret|token|access_token|auth|key|apikey|api_key|signature|sig)=)([^&#\\s\"']*)",
            Pattern.CASE_INSENSITIVE);

    private RedactedUrl() {
    }

    /** The URL, or any text that contains URLs, with every password replaced by {@value #MASK}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutUserinfo = USERINFO_PASSWORD.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        return SECRET_PARAMETER.matcher(withoutUserinfo).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
    }

    /**
     * Redacts {@code text} and, in case FFmpeg echoed the URL in a shape the patterns miss (decoded
     * or cut), also removes the literal secrets found in {@code url}.
     */
    public static String redact(String text, String url) {
        String redacted = redact(text);
        if (redacted == null || url == null) {
            return redacted;
        }
        for (String secret : secretsIn(url)) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted;
    }

    private static List<String> secretsIn(String url) {
        List<String> secrets = new ArrayList<>();
        Matcher userinfo = USERINFO_PASSWORD.matcher(url);
        while (userinfo.find()) {
            addSecret(secrets, userinfo.group(2));
        }
        Matcher parameter = SECRET_PARAMETER.matcher(url);
        while (parameter.find()) {
            addSecret(secrets, parameter.group(2));
        }
        return secrets;
    }

    private static void addSecret(List<String> secrets, String secret) {
        // Very short values would mask unrelated text and hide nothing worth hiding.
        if (secret.length() >= 3) {
            secrets.add(secret);
            String decoded = URLDecoder.decode(secret, StandardCharsets.UTF_8);
            if (!decoded.equals(secret)) {
                secrets.add(decoded);
            }
        }
    }
}
