package dev.gradfit.fitting.schedule;

/** The same learning rate in every epoch, as in the tutorial. */
public final class ConstantSchedule implements Schedule {

    public static final ConstantSchedule INSTANCE = new ConstantSchedule();

    private ConstantSchedule() {}

    @Override
    public State start(double initialRate) {
        return epoch -> initialRate;
    }

    @Override
    public String toString() {
        return "ConstantSchedule";
    }
}
