package dev.gradfit.fitting.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gradfit.fitting.core.Dataset;
import dev.gradfit.fitting.loss.HuberLoss;
import dev.gradfit.fitting.loss.LogisticLoss;
import dev.gradfit.fitting.loss.Regularization;
import dev.gradfit.fitting.loss.SquaredLoss;
import dev.gradfit.fitting.objective.MeanLossObjective;
import dev.gradfit.fitting.objective.Objective;
import dev.gradfit.fitting.objective.ObjectiveFactory;
import dev.gradfit.fitting.objective.RegularizedObjective;
import dev.gradfit.fitting.train.FitResult;
import dev.gradfit.fitting.train.Hyperparameters;
import dev.gradfit.fitting.train.Standardizer;
import dev.gradfit.fitting.train.Trainer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiagnosticianTest {

    private static final double[] X = {1, 2, 4, 5, 7, 8};
    private static final double[] Y = {3.1, 4.9, 9.2, 10.8, 15.1, 17.2};

    @Test
    void comparesASquaredLossFitWithTheLeastSquaresLine() {
        Dataset data = Dataset.of(X, Y);
        Hyperparameters hyperparameters = new Hyperparameters(0.001, 1000, null);
        FitResult fit = new Trainer().fit(data, hyperparameters);

        FitDiagnostics diagnostics = Diagnostician.of(data, hyperparameters, fit, null);

        // The least-squares line in closed form: slope Sxy/Sxx, intercept ȳ − slope·x̄.
        double meanX = 4.5;
        double meanY = 60.3 / 6;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < X.length; i++) {
            sxy += (X[i] - meanX) * (Y[i] - meanY);
            sxx += (X[i] - meanX) * (X[i] - meanX);
        }
        ExactSolution reference = diagnostics.reference();
        assertThat(reference.method()).isEqualTo(ExactSolution.Method.HOUSEHOLDER_QR);
        assertThat(reference.weights().coefficients()[0]).isCloseTo(sxy / sxx, within(1e-12));
        assertThat(reference.weights().intercept()).isCloseTo(meanY - sxy / sxx * meanX, within(1e-12));
        // The tutorial's 1000 epochs at 0.001 stop well short of the optimum on this data: the intercept
        // has hardly moved, so the gap is most of the cost and clearly positive.
        assertThat(diagnostics.optimalityGap()).isCloseTo(fit.cost() - reference.cost(), within(0.0));
        assertThat(diagnostics.optimalityGap()).isGreaterThan(0.01);
        assertThat(diagnostics.metrics()).isInstanceOf(RegressionMetrics.class);
        assertThat(((RegressionMetrics) diagnostics.metrics()).mse()).isCloseTo(fit.cost(), within(1e-12));
    }

    @Test
    void closesTheGapWhenDescentConverges() {
        Dataset data = Dataset.of(X, Y);
        Hyperparameters hyperparameters = new Hyperparameters(0.02, 20_000, null);
        FitResult fit = new Trainer().fit(data, hyperparameters);

        FitDiagnostics diagnostics = Diagnostician.of(data, hyperparameters, fit, null);

        // Converged descent and the direct solve agree to rounding: the gap is a few ulps of the cost,
        // and may come out either side of zero.
        assertThat(Math.abs(diagnostics.optimalityGap())).isLessThan(1e-13 * fit.cost());
    }

    @Test
    void solvesTheStandardizedRidgeProblemTheFitDescended() {
        // With standardization L2 acts on the standardized coefficients; the reference must minimise that
        // same objective, so its standardized gradient vanishes (and a long enough fit reaches it).
        SplittableRandom random = new SplittableRandom(5);
        int n = 50;
        double[] features = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            features[2 * i] = random.nextDouble(100, 200);
            features[2 * i + 1] = random.nextDouble(-0.01, 0.01);
            y[i] = 2 + 0.5 * features[2 * i] + 300 * features[2 * i + 1] + random.nextGaussian();
        }
        Dataset data = new Dataset(features, 2, y);
        Standardizer standardizer = Standardizer.of(data, true);
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .learningRate(0.2)
                .epochs(3000)
                .regularization(new Regularization(0.0, 0.05))
                .build();
        FitResult fit = standardizer.fit(data, hyperparameters, 10, ObjectiveFactory.DIRECT);

        FitDiagnostics diagnostics = Diagnostician.of(data, hyperparameters, fit, standardizer);

        Objective seen = RegularizedObjective.of(
                standardizer.objective(new MeanLossObjective(data, SquaredLoss.INSTANCE)),
                hyperparameters.regularization());
        double[] gradient = new double[3];
        seen.valueAndGradient(
                standardizer.toStandardized(diagnostics.reference().weights()).toVector(), gradient);
        // Gradient entries scale with the cost (about 1 here); rounding leaves some 1e-13.
        for (double g : gradient) {
            assertThat(g).isCloseTo(0.0, within(1e-10));
        }
        // At rate 0.2 on a Hessian with eigenvalues in [0.1, 2.1] descent contracts by 0.98 per epoch:
        // 3000 epochs leave nothing but rounding.
        assertThat(Math.abs(diagnostics.optimalityGap())).isLessThan(1e-12 * fit.cost());
        assertThat(diagnostics.reference().weights().coefficients()[0])
                .isCloseTo(fit.weights().coefficients()[0], within(1e-9));
    }

    @Test
    void findsTheLogisticOptimumByNewton() {
        double[] x = {0, 0, 0, 0, 1, 1, 1, 1};
        double[] y = {1, 0, 0, 0, 1, 1, 1, 0};
        Dataset data = Dataset.of(x, y);
        Hyperparameters hyperparameters = Hyperparameters.builder()
                .loss(LogisticLoss.INSTANCE)
                .learningRate(0.5)
                .epochs(200)
                .build();
        FitResult fit = new Trainer().fit(data, hyperparameters);

        FitDiagnostics diagnostics = Diagnostician.of(data, hyperparameters, fit, null);

        assertThat(diagnostics.reference().method()).isEqualTo(ExactSolution.Method.NEWTON_IRLS);
        // b0 = log(1/3), c = 2·log 3 by hand (see LogisticReferenceTest); the minimum cost is the mean
        // entropy of the groups' shares, −(1/4·log 1/4 + 3/4·log 3/4).
        assertThat(diagnostics.reference().weights().coefficients()[0]).isCloseTo(2 * Math.log(3), within(1e-12));
        double entropy = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertThat(diagnostics.reference().cost()).isCloseTo(entropy, within(1e-15));
        assertThat(diagnostics.optimalityGap()).isGreaterThanOrEqualTo(0.0);
        assertThat(diagnostics.metrics()).isInstanceOf(ClassificationMetrics.class);
    }

    @Test
    void explainsWhyThereIsNoReference() {
        Dataset data = Dataset.of(X, Y);
        // The squared loss with l1 has a reference (coordinate descent, LassoTest); the logistic loss has none.
        Hyperparameters withL1 = Hyperparameters.builder()
                .loss(LogisticLoss.INSTANCE)
                .regularization(new Regularization(0.1, 0.0))
                .build();
        Dataset labels = Dataset.of(X, new double[] {0, 1, 0, 1, 1, 1});
        Hyperparameters huber =
                Hyperparameters.builder().loss(new HuberLoss(1.0)).build();
        Hyperparameters separable =
                Hyperparameters.builder().loss(LogisticLoss.INSTANCE).build();
        Dataset classes = Dataset.of(new double[] {-1, -1, 1, 1}, new double[] {0, 0, 1, 1});

        ExactSolution l1 = Diagnostician.of(labels, withL1, new Trainer().fit(labels, withL1), null)
                .reference();
        ExactSolution robust = Diagnostician.of(data, huber, new Trainer().fit(data, huber), null)
                .reference();
        FitDiagnostics apart = Diagnostician.of(classes, separable, new Trainer().fit(classes, separable), null);

        assertThat(l1.available()).isFalse();
        assertThat(l1.note()).contains("l1");
        assertThat(robust.method()).isNull();
        assertThat(robust.note()).contains("HuberLoss");
        assertThat(apart.reference().note()).contains("separable");
        assertThat(apart.optimalityGap()).isNaN();
    }
}
