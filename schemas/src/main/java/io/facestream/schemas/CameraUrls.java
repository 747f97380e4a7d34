package io.facestream.schemas;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Camera URLs as every module treats them: their credentials hidden wherever a URL is logged, published or shown, and
 * whether one points at the network or at this machine (a file, a device, another FFmpeg protocol).
 */
public final class CameraUrls {
    public static final String MASK = "***";
    /** The schemes ingest opens anywhere; every other URL is a local source. */
    public static final List<String> NETWORK_SCHEMES = List.of("rtsp", "rtsps", "http", "https");

    // scheme://userinfo@ — the userinfo runs to the last '@' before the authority ends ('/', '?', '#'), as FFmpeg reads
    // it, so a password holding an unencoded '@' is hidden whole.
    private static final Pattern USERINFO = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#\\s]*)@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;](?:password|passwd|pwd|pass|secret|token|access_token|auth|key|apikey|api_key|signature|sig)=)"
                    + "([^&#\\s\"']*)", Pattern.CASE_INSENSITIVE);

    private CameraUrls() {
    }

    /**
     * {@code text} (a URL, or a message quoting one) with everything between {@code //} and the last {@code @} of the
     * authority, and the values of password-like query parameters, replaced by {@value #MASK}; null stays null.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutUserinfo = USERINFO.matcher(text)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK + "@"));
        return SECRET_PARAMETER.matcher(withoutUserinfo)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }

    /**
     * Redacts {@code text} and, in case FFmpeg echoed the URL in a shape the patterns miss (decoded or cut), also
     * removes the literal secrets found in {@code url}.
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

    /** Whether ingest would open {@code url} on this machine rather than over the network: a file, a device, a pipe. */
    public static boolean isLocalSource(String url) {
        int colon = url.indexOf("://");
        return colon < 0 || !NETWORK_SCHEMES.contains(url.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    private static List<String> secretsIn(String url) {
        List<String> secrets = new ArrayList<>();
        Matcher userinfo = USERINFO.matcher(url);
        while (userinfo.find()) {
            String credentials = userinfo.group(2);
            addSecret(secrets, credentials);
            int colon = credentials.indexOf(':');
            if (colon >= 0) {
                addSecret(secrets, credentials.substring(colon + 1));
            }
        }
        Matcher parameter = SECRET_PARAMETER.matcher(url);
        while (parameter.find()) {
            addSecret(secrets, parameter.group(2));
        }
        // The longest first, so that a password is not left half-masked by a shorter secret inside it.
        secrets.sort((a, b) -> b.length() - a.length());
        return secrets;
    }

    private static void addSecret(List<String> secrets, String secret) {
        // Very short values would mask unrelated text and hide nothing worth hiding.
        if (secret.length() >= 3) {
            secrets.add(secret);
            try {
                String decoded = URLDecoder.decode(secret, StandardCharsets.UTF_8);
                if (!decoded.equals(secret)) {
                    secrets.add(decoded);
                }
            } catch (IllegalArgumentException e) {
                // Not percent-encoded after all ("100%"): the literal form is masked already.
            }
        }
    }
}
