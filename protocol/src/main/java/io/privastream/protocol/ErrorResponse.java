package io.privastream.protocol;

/**
 * The body of every error answer: one line saying what was wrong with the request.
 *
 * @param error the reason, quoting the bad input where it helps
 */
public record ErrorResponse(String error) {
}
