package io.privastream.core.abr;

/** One decision rule, before the insufficient-buffer guard is applied. */
interface AbrRule {
    int choose(AbrInput input);
}
