package io.privastream.core.abr;

/** A named rule capped by the {@link InsufficientBufferRule}. */
final class GuardedAbr implements AbrStrategy {
    private final String name;
    private final AbrRule rule;

    GuardedAbr(String name, AbrRule rule) {
        this.name = name;
        this.rule = rule;
    }

    @Override
    public int choose(AbrInput input) {
        return Math.min(rule.choose(input), InsufficientBufferRule.highestAllowed(input));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
