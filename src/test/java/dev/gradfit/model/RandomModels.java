package dev.gradfit.model;

import dev.gradfit.design.Coding;
import dev.gradfit.design.Design;
import dev.gradfit.design.DesignSpec;
import dev.gradfit.design.Missing;
import dev.gradfit.design.UnknownLevels;
import dev.gradfit.design.table.Column;
import dev.gradfit.design.table.NumericColumn;
import dev.gradfit.design.table.Table;
import dev.gradfit.design.table.TextColumn;
import dev.gradfit.fitting.core.Weights;
import dev.gradfit.fitting.diagnostics.ClassificationMetrics;
import dev.gradfit.fitting.diagnostics.DevianceMetrics;
import dev.gradfit.fitting.diagnostics.ExactSolution;
import dev.gradfit.fitting.diagnostics.FitDiagnostics;
import dev.gradfit.fitting.diagnostics.GoodnessOfFit;
import dev.gradfit.fitting.diagnostics.MulticlassMetrics;
import dev.gradfit.fitting.diagnostics.RegressionMetrics;
import dev.gradfit.fitting.loss.AbsoluteLoss;
import dev.gradfit.fitting.loss.GammaLoss;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogLinkLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Loss;
import dev.gradfit.fitting.loss.PoissonLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SoftmaxLoss;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.loss.TweedieLoss;
import dev.gradfit.fitting.optimizer.AdaGrad;
import dev.gradfit.fitting.optimizer.Adam;
import dev.gradfit.fitting.optimizer.GradientClipping;
import dev.gradfit.fitting.optimizer.GradientDescent;
import dev.gradfit.fitting.optimizer.Lbfgs;
import dev.gradfit.fitting.optimizer.Momentum;
import dev.gradfit.fitting.optimizer.Nesterov;
import dev.gradfit.fitting.optimizer.Optimizer;
import dev.gradfit.fitting.optimizer.RmsProp;
import dev.gradfit.fitting.schedule.ConstantSchedule;
import dev.gradfit.fitting.schedule.ExponentialSchedule;
import dev.gradfit.fitting.schedule.InverseScalingSchedule;
import dev.gradfit.fitting.schedule.PlateauSchedule;
import dev.gradfit.fitting.schedule.Schedule;
import dev.gradfit.fitting.schedule.StepSchedule;
import dev.gradfit.fitting.stopping.ConvergenceRule;
import dev.gradfit.fitting.stopping.EarlyStoppingRule;
import dev.gradfit.fitting.stopping.StopReason;
import dev.gradfit.fitting.stopping.StoppingRule;
import dev.gradfit.fitting.stopping.TimeBudgetRule;
import dev.gradfit.fitting.train.Batching;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Random but valid models and hyperparameters, from a seed: every loss, optimizer (clipped or not),
 * schedule and stopping rule, with values at the edges of their ranges (subnormals, the largest double,
 * −0.0, NaN with a payload where any double is allowed) as often as ordinary ones. A softmax model has one row
 * of weights per class wherever it has weights (initial, result, snapshots, reference), multiclass metrics and
 * as many classes.
 *
 * <p>The models of a seed stay the ones drawn before each kind of model existed, as far as they can: the saved
 * fixtures of earlier encodings are compared with them. A new kind takes its place among the values of an
 * existing draw, and draws more only once it is chosen.
 */
public final class RandomModels {

    private static final double[] ODD_DOUBLES = {
        0.0,
        -0.0,
        Double.MIN_VALUE,
        Double.MIN_NORMAL,
        Double.MAX_VALUE,
        -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.NaN,
        Double.longBitsToDouble(0x7ff8_0000_dead_beefL), // a NaN with a payload
        Double.longBitsToDouble(0xfff0_0000_0000_0001L), // a negative signalling NaN
        0.1,
        1.0 / 3
    };

    private final SplittableRandom random;

    public RandomModels(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A model with random settings, result and diagnostics. */
    public FittedModel model() {
        return model(Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000)));
    }

    /** A model with random settings, result and diagnostics, made at {@code createdAt}. */
    public FittedModel model(Instant createdAt) {
        int features = random.nextInt(1, 6);
        UUID id = uuid();
        Hyperparameters hyperparameters = hyperparameters(features);
        int outputs = hyperparameters.loss().outputs();
        FitResult result = result(features, outputs);
        UUID parentId = random.nextBoolean() ? uuid() : null;
        boolean standardized = random.nextBoolean();
        FitDiagnostics diagnostics = random.nextInt(4) == 0 ? null : diagnostics(features, hyperparameters.loss());
        List<String> featureNames = random.nextBoolean() ? null : featureNames(features);
        String targetName = random.nextBoolean() ? null : name(99);
        TrainingSample sample = random.nextInt(4) == 0 ? null : sample(features);
        // Drawn last, so that the models of a seed are the ones drawn before models had classes.
        Classes classes =
                hyperparameters.loss() instanceof LogisticLoss ? classes() : outputs > 1 ? classes(outputs) : null;
        // Offsets after the classes, and only for a log-link model's sample (the only fits that take them), so
        // that every other model of a seed is the one drawn before samples kept offsets.
        if (sample != null && hyperparameters.loss() instanceof LogLinkLoss && random.nextBoolean()) {
            sample = new TrainingSample(
                    sample.x(), sample.columns(), sample.y(), sample.sourceRows(), doubles(sample.rows()));
        }
        return new FittedModel(
                id,
                createdAt,
                hyperparameters,
                result,
                parentId,
                standardized,
                diagnostics,
                featureNames,
                targetName,
                sample,
                classes);
    }

    /** Random classes of a softmax model: {@code count} numbers, or {@code count} names. */
    public Classes classes(int count) {
        if (random.nextBoolean()) {
            double[] numbers = new double[count];
            for (int k = 0; k < count; k++) {
                numbers[k] = k + 0.5 * random.nextDouble();
            }
            return Classes.ofNumbers(numbers);
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            names.add(name(k));
        }
        // The index makes each name distinct; numpy's order is the code points'.
        names.sort(Classes.CODE_POINT_ORDER);
        return Classes.ofNames(names);
    }

    /** Random classes of a logistic model: 0 and 1, two numbers, or two names. */
    public Classes classes() {
        return switch (random.nextInt(3)) {
            case 0 -> Classes.ZERO_ONE;
            case 1 -> Classes.ofNumbers(new double[] {-random.nextDouble(1, 10), random.nextDouble(0, 1e300)});
            default -> {
                String first = name(20);
                String second = first + name(20);
                yield Classes.ofNames(List.of(first, second));
            }
        };
    }

    /** A random training sample of rows with {@code features} columns, finite or not. */
    public TrainingSample sample(int features) {
        int rows = random.nextInt(0, 20);
        return new TrainingSample(
                doubles(rows * features), features, doubles(rows), rows + random.nextLong(0, 1_000_000_000_000L));
    }

    /** Names of several scripts and lengths, one per feature, unique. */
    private List<String> featureNames(int features) {
        List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add(name(j));
        }
        return names;
    }

    private String name(int index) {
        String[] stems = {"size", "rooms", "Größe", "面积", "a b,c;\"d\"", "x".repeat(200), "🏠"};
        return stems[random.nextInt(stems.length)] + "_" + index;
    }

    /**
     * A random model, as {@link #model()} draws it, fitted from raw rows: its design, learned from a random table,
     * has as many columns as the model has features (a text column of three levels and numeric ones), and names
     * them.
     */
    public FittedModel modelWithDesign() {
        FittedModel model = model();
        int features = model.features();
        int rows = 9;
        List<Column> columns = new ArrayList<>();
        int numeric = features;
        if (features >= 2) {
            String[] levels = {"Lyon", "Paris", "Zürich " + random.nextInt(100)};
            String[] city = new String[rows];
            for (int i = 0; i < rows; i++) {
                city[i] = levels[i < levels.length ? i : random.nextInt(levels.length)];
            }
            columns.add(TextColumn.of("city", city));
            numeric = features - 2;
        }
        for (int j = 0; j < numeric; j++) {
            double[] values = new double[rows];
            for (int i = 0; i < rows; i++) {
                values[i] = random.nextDouble(-1e6, 1e6);
            }
            columns.add(new NumericColumn(name(j), values));
        }
        Table table = new Table(columns);
        DesignSpec spec = DesignSpec.ofColumns(table, Set.of(), 1, List.of(), true)
                .withMissing(random.nextBoolean() ? Missing.MEAN : Missing.REFUSE)
                .withUnknownLevels(random.nextBoolean() ? UnknownLevels.IGNORE : UnknownLevels.ERROR);
        Design design = Design.learn(table, spec);
        return new FittedModel(
                model.id(),
                model.createdAt(),
                model.hyperparameters(),
                model.result(),
                model.parentId(),
                model.standardized(),
                model.diagnostics(),
                design.columnNames(),
                model.targetName(),
                model.sample(),
                model.classes(),
                new ModelDesign(
                        design,
                        random.nextBoolean() ? null : "y ~ " + String.join(" + ", table.names()),
                        Coding.TREATMENT,
                        random.nextInt(5)));
    }

    /** A plain model (default settings, no diagnostics) with a cost history of {@code entries} values. */
    public FittedModel modelWithHistory(int entries) {
        FitResult result = new FitResult(new Weights(0, new double[] {1}), 0, doubles(entries), 1, entries - 1);
        return new FittedModel(uuid(), Instant.EPOCH, Hyperparameters.defaults(), result);
    }

    /** Random valid hyperparameters for data with {@code features} columns. */
    public Hyperparameters hyperparameters(int features) {
        int epochs = random.nextInt(1, 1_000_001);
        double learningRate = positive();
        Weights initialWeights = random.nextBoolean() ? null : weights(features);
        Loss loss = loss();
        if (initialWeights != null && loss.outputs() > 1) {
            // A continued softmax fit starts from its parent's rows, one per class.
            initialWeights = weights(features, loss.outputs());
        }
        Optimizer optimizer = random.nextInt(3) == 0 ? clipped(optimizer(), positive()) : optimizer();
        Schedule schedule = schedule();
        Regularization regularization =
                random.nextInt(3) == 0 ? Regularization.NONE : new Regularization(nonNegative(), nonNegative());
        if (loss.outputs() > 1 && regularization.l1() > 0) {
            // Softmax takes no l1: the same draws, with l1 zero.
            regularization = new Regularization(0.0, regularization.l2());
        }
        return Hyperparameters.builder()
                .learningRate(learningRate)
                .epochs(epochs)
                .initialWeights(initialWeights)
                .loss(loss)
                .optimizer(optimizer)
                .schedule(schedule)
                .regularization(regularization)
                .fitIntercept(random.nextBoolean())
                .batching(
                        random.nextBoolean()
                                ? Batching.FULL
                                : new Batching(random.nextInt(1, 10_000), random.nextBoolean()))
                .seed(random.nextLong())
                .stoppingRules(stoppingRules())
                .snapshotEpochs(snapshotEpochs(epochs))
                .recordLearningRates(random.nextBoolean())
                .build();
    }

    /** A result with {@code features} coefficients and histories of any doubles. */
    public FitResult result(int features) {
        return result(features, 1);
    }

    /** A result with {@code outputs} rows of {@code features} coefficients and histories of any doubles. */
    public FitResult result(int features, int outputs) {
        return new FitResult(
                weights(features, outputs),
                anyDouble(),
                doubles(random.nextInt(0, 40)),
                random.nextInt(1, 1000),
                random.nextInt(0, 1_000_001),
                StopReason.values()[random.nextInt(StopReason.values().length)],
                doubles(random.nextInt(0, 40)),
                doubles(random.nextInt(0, 40)),
                snapshots(features, outputs));
    }

    Loss loss() {
        return switch (random.nextInt(7)) {
            case 0 -> SquaredLoss.INSTANCE;
            case 1 -> AbsoluteLoss.INSTANCE;
            case 2 -> LogisticLoss.INSTANCE;
            case 3 -> PoissonLoss.INSTANCE;
            case 4 -> GammaLoss.INSTANCE;
            case 5 -> tweedieOrSoftmax();
            default -> new HuberLoss(positive());
        };
    }

    /**
     * Tweedie, or softmax of 2 to 9 classes one time in four, from the same draw: a new branch of the switch
     * would change the models of every seed drawn before softmax existed, and so the saved fixtures' expected
     * models.
     */
    private Loss tweedieOrSoftmax() {
        double draw = random.nextDouble();
        return draw < 0.25 ? new SoftmaxLoss(2 + (int) (draw * 32)) : new TweedieLoss(1.01 + 0.98 * draw);
    }

    Optimizer optimizer() {
        return switch (random.nextInt(6)) {
            case 0 -> new GradientDescent();
            case 1 -> new Momentum(fraction());
            case 2 -> new Nesterov(fraction());
            case 3 -> new AdaGrad(positive());
            case 4 -> new RmsProp(fraction(), positive());
            default -> adamOrLbfgs();
        };
    }

    /** {@code optimizer} clipped, unless it is one that clipping does not apply to (L-BFGS). */
    private static Optimizer clipped(Optimizer optimizer, double maxNorm) {
        return optimizer instanceof Lbfgs ? optimizer : new GradientClipping(optimizer, maxNorm);
    }

    /**
     * Adam, or L-BFGS one time in four, from the same three draws: a new branch of the switch would change the
     * models of every seed drawn before L-BFGS existed, and so the saved fixtures' expected models.
     */
    private Optimizer adamOrLbfgs() {
        double beta1 = fraction();
        double beta2 = fraction();
        double epsilon = positive();
        return beta1 < 0.25 ? new Lbfgs(1 + (int) (beta2 * Lbfgs.MAX_MEMORY)) : new Adam(beta1, beta2, epsilon);
    }

    Schedule schedule() {
        return switch (random.nextInt(5)) {
            case 0 -> ConstantSchedule.INSTANCE;
            case 1 -> new InverseScalingSchedule(positive());
            case 2 -> new StepSchedule(shrinking(), random.nextInt(1, Integer.MAX_VALUE));
            case 3 -> new ExponentialSchedule(shrinking());
            default -> new PlateauSchedule(shrinking(), random.nextInt(1, 1000), fraction(), nonNegative());
        };
    }

    private List<StoppingRule> stoppingRules() {
        List<StoppingRule> rules = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            rules.add(
                    switch (random.nextInt(3)) {
                        case 0 -> new ConvergenceRule(nonNegative(), random.nextInt(1, 1000));
                        case 1 -> new EarlyStoppingRule(shrinking(), nonNegative(), random.nextInt(1, 1000));
                        default -> new TimeBudgetRule(Duration.ofNanos(random.nextLong(1, Long.MAX_VALUE)));
                    });
        }
        return rules;
    }

    private List<Integer> snapshotEpochs(int epochs) {
        List<Integer> snapshots = new ArrayList<>();
        for (int i = random.nextInt(0, 6); i > 0; i--) {
            snapshots.add(random.nextInt(0, epochs + 1));
        }
        return snapshots;
    }

    private List<Snapshot> snapshots(int features, int outputs) {
        List<Snapshot> snapshots = new ArrayList<>();
        for (int i = random.nextInt(0, 5); i > 0; i--) {
            snapshots.add(new Snapshot(random.nextInt(0, 1_000_000), weights(features, outputs), anyDouble()));
        }
        return snapshots;
    }

    private FitDiagnostics diagnostics(int features, Loss loss) {
        int outputs = loss.outputs();
        // Diagnostics always hold metrics and a reference: the Diagnostician makes both. A log-link model's
        // regression metrics are deviance metrics, drawn in their place (and so only for models of a log-link loss).
        GoodnessOfFit metrics = outputs > 1
                ? multiclassMetrics(outputs)
                : switch (random.nextInt(2)) {
                    case 0 ->
                        loss instanceof LogLinkLoss
                                ? new DevianceMetrics(anyDouble(), anyDouble(), anyDouble(), anyDouble(), anyDouble())
                                : new RegressionMetrics(anyDouble(), anyDouble(), anyDouble(), anyDouble());
                    default ->
                        new ClassificationMetrics(
                                anyDouble(),
                                anyDouble(),
                                random.nextLong(),
                                random.nextLong(),
                                random.nextLong(),
                                random.nextLong());
                };
        ExactSolution.Method method = switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> ExactSolution.Method.HOUSEHOLDER_QR;
            default -> ExactSolution.Method.NEWTON_IRLS;
        };
        ExactSolution reference = switch (random.nextInt(2)) {
            case 0 -> new ExactSolution(method, weights(features, outputs), anyDouble(), null);
            default -> ExactSolution.unavailable(method, "no reference for ü ∑ 😀 " + random.nextInt());
        };
        return new FitDiagnostics(metrics, reference, anyDouble());
    }

    private MulticlassMetrics multiclassMetrics(int classes) {
        double[][] confusion = new double[classes][];
        for (int a = 0; a < classes; a++) {
            confusion[a] = doubles(classes);
        }
        return new MulticlassMetrics(anyDouble(), anyDouble(), anyDouble(), confusion);
    }

    private Weights weights(int features) {
        return new Weights(anyDouble(), doubles(features));
    }

    /** One output drawn as {@link #weights(int)} draws it; more, one row after the other. */
    private Weights weights(int features, int outputs) {
        if (outputs == 1) {
            return weights(features);
        }
        double[] intercepts = new double[outputs];
        double[][] coefficients = new double[outputs][];
        for (int k = 0; k < outputs; k++) {
            intercepts[k] = anyDouble();
            coefficients[k] = doubles(features);
        }
        return Weights.ofRows(intercepts, coefficients);
    }

    private double[] doubles(int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = anyDouble();
        }
        return values;
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** Any double at all: random bits, or one of the odd ones. */
    private double anyDouble() {
        return random.nextBoolean()
                ? ODD_DOUBLES[random.nextInt(ODD_DOUBLES.length)]
                : Double.longBitsToDouble(random.nextLong());
    }

    /** Finite and above 0. */
    private double positive() {
        return switch (random.nextInt(4)) {
            case 0 -> Double.MIN_VALUE;
            case 1 -> Double.MAX_VALUE;
            case 2 -> Math.scalb(random.nextDouble(0.5, 1), random.nextInt(-1073, 1024));
            default -> random.nextDouble(1e-9, 10);
        };
    }

    /** Finite and at least 0 (−0.0 included). */
    private double nonNegative() {
        return switch (random.nextInt(4)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            default -> positive();
        };
    }

    /** In [0, 1). */
    private double fraction() {
        return switch (random.nextInt(4)) {
            case 0 -> 0.0;
            case 1 -> Math.nextDown(1.0);
            default -> random.nextDouble();
        };
    }

    /** In (0, 1). */
    private double shrinking() {
        return switch (random.nextInt(4)) {
            case 0 -> Double.MIN_VALUE;
            case 1 -> Math.nextDown(1.0);
            default -> random.nextDouble(Double.MIN_VALUE, 1);
        };
    }
}
