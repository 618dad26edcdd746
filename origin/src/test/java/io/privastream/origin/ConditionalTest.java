package io.privastream.origin;

import static io.privastream.origin.Conditional.Outcome.IGNORE_RANGE;
import static io.privastream.origin.Conditional.Outcome.NORMAL;
import static io.privastream.origin.Conditional.Outcome.NOT_MODIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConditionalTest {
    private static final String TAG = "\"abc123\"";
    private static final Instant MODIFIED = Instant.parse("2026-11-24T10:00:00Z");
    private static final String MODIFIED_DATE = "Tue, 24 Nov 2026 10:00:00 GMT";

    private static Conditional.Outcome eval(String inm, String ims, String ifRange) {
        return Conditional.evaluate(Optional.ofNullable(inm), Optional.ofNullable(ims), Optional.ofNullable(ifRange), TAG, MODIFIED);
    }

    @Test
    void ifNoneMatch_matchingTagOrStar_isNotModified_weakComparison() {
        assertThat(eval(TAG, null, null)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("\"other\", " + TAG, null, null)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("W/" + TAG, null, null)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("*", null, null)).isEqualTo(NOT_MODIFIED);
        assertThat(eval("\"other\"", null, null)).isEqualTo(NORMAL);
    }

    @Test
    void ifModifiedSince_onlyWithoutIfNoneMatch() {
        assertThat(eval(null, MODIFIED_DATE, null)).isEqualTo(NOT_MODIFIED);
        assertThat(eval(null, "Tue, 24 Nov 2026 09:59:59 GMT", null)).isEqualTo(NORMAL);
        assertThat(eval("\"other\"", MODIFIED_DATE, null)).isEqualTo(NORMAL);
        assertThat(eval(null, "yesterday-ish", null)).isEqualTo(NORMAL);
    }

    @Test
    void ifRange_strongMatchOrExactDate_keepsRange_elseWholeObject() {
        assertThat(eval(null, null, TAG)).isEqualTo(NORMAL);
        assertThat(eval(null, null, MODIFIED_DATE)).isEqualTo(NORMAL);
        assertThat(eval(null, null, "W/" + TAG)).isEqualTo(IGNORE_RANGE);
        assertThat(eval(null, null, "\"stale\"")).isEqualTo(IGNORE_RANGE);
        assertThat(eval(null, null, "Mon, 23 Nov 2026 10:00:00 GMT")).isEqualTo(IGNORE_RANGE);
    }

    @Test
    void httpDate_roundTrips() {
        assertThat(Conditional.httpDate(Conditional.httpDate(MODIFIED))).contains(MODIFIED);
        assertThat(Conditional.httpDate(MODIFIED)).isEqualTo(MODIFIED_DATE);
    }
}
