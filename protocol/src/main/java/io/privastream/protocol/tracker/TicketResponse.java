package io.privastream.protocol.tracker;

/**
 * The answer to {@code GET /v1/ledger/ticket}: the caller's standing at the ledger, signed by the
 * tracker, in {@code core.incentive.StandingTicket#encode()}'s form (what an agent sends servers
 * as {@link io.privastream.protocol.AgentHeaders#STANDING}).
 *
 * @param ticket the encoded ticket; never blank
 */
public record TicketResponse(String ticket) {
    /** @throws IllegalArgumentException if {@code ticket} is missing or blank */
    public TicketResponse {
        if (ticket == null || ticket.isBlank()) {
            throw new IllegalArgumentException("a ticket response carries a ticket, got " + (ticket == null ? "none" : "a blank one"));
        }
    }
}
