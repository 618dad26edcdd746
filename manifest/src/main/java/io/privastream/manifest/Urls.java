package io.privastream.manifest;

import io.privastream.core.media.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL resolution (RFC 3986 §5.2) with the errors a manifest reader needs. */
final class Urls {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private Urls() {
    }

    /**
     * Resolves {@code reference} against {@code base}.
     *
     * @param where names the element or line for the error message
     * @throws ManifestException quoting the reference when it is not a URI reference
     */
    static URI resolve(URI base, String reference, String where) {
        String ref = reference.strip();
        try {
            URI r = new URI(ref);
            if (r.isAbsolute()) {
                return r;
            }
            // URI.resolve drops the '/' between an empty base path and the reference
            // ("http://h" + "x" gives "http://hx"), so give the base a root path first.
            URI b = base;
            if (b.getRawPath() == null || b.getRawPath().isEmpty()) {
                b = new URI(b.getScheme(), b.getRawAuthority(), "/", null, null);
            }
            return b.resolve(r);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ManifestException(where + ": not a URI reference: '" + Text.quote(reference) + "'");
        }
    }

    /**
     * True when a reference would not come back to the agent under the content's own path: an
     * absolute http(s) URL, a network-path reference ({@code //host/...}, RFC 3986 §4.2), or an
     * absolute-path reference ({@code /x/y}, which would resolve to the agent's root, outside
     * {@code /{contentId}/}). Other schemes ({@code data:}, {@code skd:}) are not fetched over
     * HTTP and stay as they are.
     */
    static boolean isRewritable(String reference) {
        String ref = reference.strip();
        if (ref.startsWith("/")) {
            return true;
        }
        if (!SCHEME.matcher(ref).matches()) {
            return false;
        }
        String scheme = ref.substring(0, ref.indexOf(':')).toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }
}
