package io.privastream.core.abr;

/** Always the same representation, clamped to the ladder. */
final class FixedAbr implements AbrStrategy {
    private final int index;

    FixedAbr(int index) {
        this.index = index;
    }

    @Override
    public int choose(AbrInput input) {
        return Math.min(index, input.size() - 1);
    }

    @Override
    public String name() {
        return "fixed:" + index;
    }

    @Override
    public String toString() {
        return name();
    }
}
