package io.privastream.tracker;

import io.privastream.core.incentive.Ledger;
import io.privastream.core.incentive.Receipt;
import io.privastream.core.incentive.Standing;
import io.privastream.core.incentive.StandingTicket;
import io.privastream.core.media.Text;
import io.privastream.http.Links;
import io.privastream.link.Pin;
import io.privastream.protocol.Json;
import io.privastream.protocol.tracker.ReceiptWire;
import io.privastream.protocol.tracker.RedeemRequest;
import io.privastream.protocol.tracker.RedeemResponse;
import io.privastream.protocol.tracker.TicketResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.server.Request;

/**
 * The ledger's API under {@code /v1/ledger/}: {@code POST redeem} (receipts → credit, on disk
 * before the answer), {@code GET accounts/{pin}} (one standing), {@code GET accounts?limit=N}
 * (the richest first), {@code GET ticket} (the caller's own standing, signed: a
 * {@link StandingTicket} for servers; only over an encrypted link, for the key it proved).
 */
final class LedgerEndpoints {
    /** Signs a standing as the ledger's keeper (the tracker's node identity). */
    @FunctionalInterface
    interface TicketIssuer {
        StandingTicket issue(Standing standing, long knownForMillis, long issuedAtMillis);
    }


    private final LedgerStore store;
    private final Clock clock;
    private final long maxBodyBytes;
    private final TicketIssuer issuer;
    private final KeyAges ages = new KeyAges();

    LedgerEndpoints(LedgerStore store, Clock clock, long maxBodyBytes, TicketIssuer issuer) {
        this.store = store;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.issuer = issuer;
    }

    Answer answer(Request request, String rest) throws IOException {
        if (rest.equals("redeem")) {
            if (!request.getMethod().equals("POST")) {
                throw HttpProblem.methodNotAllowed(request.getMethod(), "POST");
            }
            return redeem(Json.read(RequestBody.readJson(request, maxBodyBytes), RedeemRequest.class));
        }
        if (!request.getMethod().equals("GET")) {
            throw HttpProblem.methodNotAllowed(request.getMethod(), "GET");
        }
        if (rest.equals("ticket")) {
            return ticket(Links.clientPin(request));
        }
        if (rest.equals("accounts")) {
            String limit = Request.extractQueryParameters(request).getValue("limit");
            int n = 20;
            if (limit != null) {
                if (!limit.matches("[0-9]{1,4}") || Integer.parseInt(limit) < 1) {
                    throw new HttpProblem(400, "limit must be 1-9999, got '" + Text.quote(limit) + "'");
                }
                n = Integer.parseInt(limit);
            }
            return Answer.json(200, store.ledger().top(n));
        }
        if (rest.startsWith("accounts/")) {
            String pin = rest.substring("accounts/".length());
            if (!Receipt.isPin(pin)) {
                throw new HttpProblem(400, "an account is a key pin sha256:<43 base64url characters>, got '" + Text.quote(pin) + "'");
            }
            return Answer.json(200, store.ledger().standing(pin));
        }
        throw new HttpProblem(404, "no ledger resource '" + Text.quote(rest) + "'; see redeem, accounts, accounts/{pin}, ticket");
    }

    /**
     * A ticket speaks for a key, so it goes only to a caller that proved that key on this link: on
     * plain HTTP anyone could ask for anyone's ticket and show it (the proof servers ask for would
     * stop them, but there is no reason to hand it out).
     */
    private Answer ticket(Optional<Pin> proven) {
        if (proven.isEmpty()) {
            throw new HttpProblem(403, "a standing ticket is issued only over an encrypted link, for the key it proved");
        }
        String pin = proven.get().toString();
        long now = clock.millis();
        StandingTicket ticket = issuer.issue(store.ledger().standing(pin), ages.knownFor(pin, now), now);
        return Answer.json(200, new TicketResponse(ticket.encode()));
    }

    private Answer redeem(RedeemRequest request) {
        List<Receipt> receipts = new ArrayList<>(request.receipts().size());
        for (ReceiptWire w : request.receipts()) {
            try {
                receipts.add(w.receipt());
            } catch (IllegalArgumentException e) {
                throw new HttpProblem(400, "malformed receipt: " + e.getMessage());
            }
        }
        // On disk before anyone hears of it: an acknowledged credit survives a kill.
        Ledger.Redemption r = store.redeem(receipts, clock.millis());
        return Answer.json(200, new RedeemResponse(r.creditedBytes(), r.outcomes().stream()
                .map(o -> new RedeemResponse.Outcome(o.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), o.creditedBytes()))
                .toList()));
    }
}
