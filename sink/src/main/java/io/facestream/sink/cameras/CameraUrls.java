package io.facestream.sink.cameras;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the credentials in camera URLs before the sink shows or logs them: the password of
 * {@code scheme://user:password@host} and the values of password-like query parameters. (Ingest has its own, fuller
 * redaction of FFmpeg messages; the sink depends on no ingest code.)
 */
public final class CameraUrls {
    public static final String MASK = "***";

    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:@/\\s]*):[^@/\\s]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "([?&;](?:password|passwd|pwd|pass|secret|token|access_token|auth|key|apikey|api_key|signature|sig)=)"
                    + "[^&#\\s\"']*", Pattern.CASE_INSENSITIVE);

    private CameraUrls() {
    }

    /** {@code text} (a URL, or a message quoting one) with every password replaced by {@value #MASK}; null stays null. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutPasswords = USERINFO_PASSWORD.matcher(text)
                .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + ":" + MASK + "@"));
        return SECRET_PARAMETER.matcher(withoutPasswords).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + MASK));
    }
}
