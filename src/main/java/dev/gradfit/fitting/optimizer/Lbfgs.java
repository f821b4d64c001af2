package dev.gradfit.fitting.optimizer;

/**
 * Limited-memory BFGS: a quasi-Newton method that builds an approximation of the inverse Hessian from the last
 * {@code memory} steps and changes of the gradient, and moves along the direction it gives by a line search
 * (Liu and Nocedal 1989, "On the limited memory BFGS method for large scale optimization"; the two-loop
 * recursion and initial scaling are Nocedal and Wright, "Numerical Optimization", 2nd ed., Algorithms 7.4 and
 * 7.5 and eq. 7.20).
 *
 * <ul>
 *   <li>Direction {@code d = −H·∇J}, with {@code H} from the kept pairs {@code (s, y)} = (change of the
 *       weights, change of the gradient) and {@code H₀ = (s·y / y·y)·I} from the newest pair; with no pair yet,
 *       steepest descent.
 *   <li>Step: a line search for the strong Wolfe conditions ({@link StrongWolfe}), trying {@code α = 1} first
 *       ({@code 1/‖∇J‖} along steepest descent), and accepting only a strictly lower cost.
 *   <li>A pair is kept only when {@code s·y > ε·y·y} (ε the machine epsilon), which keeps {@code H} positive
 *       definite; strong Wolfe steps give {@code s·y > 0} on any smooth cost, so pairs are skipped only where
 *       the gradient is not continuous (none of gradfit's smooth losses) or the line search stopped short.
 *   <li>When the direction is not one of descent, or its line search finds no lower cost, the memory is cleared
 *       and steepest descent tried; when that finds none either, the iteration reports that the weights did not
 *       move: the cost is at its minimum to its own precision.
 * </ul>
 *
 * <p>Iterations converge superlinearly near a minimum of a smooth, strongly convex cost; on a quadratic cost with
 * {@code memory} at least the number of weights they take few more steps than conjugate gradients. The losses
 * must be differentiable: Huber's (differentiable once) is, the absolute loss is not.
 *
 * @param memory the number of pairs kept, 1 to {@value #MAX_MEMORY}; {@value #DEFAULT_MEMORY} by default
 */
public record Lbfgs(int memory) implements LineSearchOptimizer {

    /** The memory of Liu and Nocedal's experiments, where 3 to 20 served; 10 is also scipy's and liblbfgs' choice. */
    public static final int DEFAULT_MEMORY = 10;

    /** The largest memory: beyond it, the two-loop recursion costs more than it gains. */
    public static final int MAX_MEMORY = 100;

    public Lbfgs {
        if (memory < 1 || memory > MAX_MEMORY) {
            throw new IllegalArgumentException("memory must be between 1 and " + MAX_MEMORY + ", was " + memory);
        }
    }

    /** L-BFGS with {@value #DEFAULT_MEMORY} pairs. */
    public Lbfgs() {
        this(DEFAULT_MEMORY);
    }

    @Override
    public Search startSearch(int dimension) {
        return new LbfgsSearch(memory, dimension);
    }
}
