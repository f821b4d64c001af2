package dev.gradfit;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.gradfit.fitting.diagnostics.Diagnostician;
import dev.gradfit.fitting.diagnostics.LeastSquaresReference;
import dev.gradfit.fitting.diagnostics.LogisticReference;
import dev.gradfit.fitting.stopping.HoldOut;
import dev.gradfit.fitting.train.CostHistory;
import dev.gradfit.fitting.train.Standardizer;
import dev.gradfit.fitting.train.Trainer;
import dev.gradfit.fitting.train.WorkEstimate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The boundaries of the design: what each package may use. */
class ArchitectureTest {

    private static final JavaClasses GRADFIT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.gradfit");

    /** The most fitting types the api may name, and the most source files a package may hold. */
    private static final int AT_MOST = 20;

    /** How a fit computes, as opposed to what it takes and returns: only the facade may reach these. */
    private static final DescribedPredicate<JavaClass> FITTING_INTERNALS = or(
                    resideInAnyPackage("dev.gradfit.fitting.objective..", "dev.gradfit.fitting.linalg.."),
                    belongToAnyOf(
                            Trainer.class,
                            Standardizer.class,
                            WorkEstimate.class,
                            CostHistory.class,
                            HoldOut.class,
                            Diagnostician.class,
                            LeastSquaresReference.class,
                            LogisticReference.class))
            .as("the internals of fitting (objectives, linear algebra, the trainer, standardizer and solvers)");

    @Test
    void fittingIsPlainJava() {
        classes()
                .that()
                .resideInAPackage("dev.gradfit.fitting..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.gradfit.fitting..", "java..")
                .because("the numerical core is free of Spring, Jackson, Micrometer and servlets")
                .check(GRADFIT);
    }

    @Test
    void designsArePlainJava() {
        classes()
                .that()
                .resideInAPackage("dev.gradfit.design..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.gradfit.design..", "java..")
                .because("a design is learned and applied the same way by every reader, store and endpoint")
                .check(GRADFIT);
    }

    @Test
    void onlyTheFacadeReachesTheInternalsOfFitting() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.gradfit.fitting..")
                .should()
                .dependOnClassesThat(FITTING_INTERNALS)
                .because("the web and service layers use the Fitter facade and the value types it takes and returns")
                .check(GRADFIT);
    }

    @Test
    void theServiceLayerKnowsNothingOfTheWeb() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.gradfit.service..", "dev.gradfit.model..", "dev.gradfit.config..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.gradfit.api..", "dev.gradfit.web..")
                .check(GRADFIT);
    }

    @Test
    void modelsAndSettingsDoNotCallServices() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.gradfit.model..", "dev.gradfit.config..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.gradfit.service..")
                .check(GRADFIT);
    }

    @Test
    void plotsArePlainJavaOverAModel() {
        classes()
                .that()
                .resideInAPackage("dev.gradfit.plots..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.gradfit.plots..",
                        "dev.gradfit.model..",
                        "dev.gradfit.fitting..",
                        "dev.gradfit.design..",
                        "org.jfree..",
                        "java..")
                .because("a plot is drawn from a model alone (its design included): no Spring, no servlets, no"
                        + " services")
                .check(GRADFIT);
    }

    @Test
    void formatsUseNoWebTypes() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.gradfit.formats..", "dev.gradfit.memory..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.servlet..",
                        "org.springframework.web..",
                        "org.springframework.http..",
                        "dev.gradfit.api..",
                        "dev.gradfit.web..")
                .because("a reader goes from bytes to points and is given its memory account, whoever calls it")
                .check(GRADFIT);
    }

    @Test
    void theApiDoesNotReachIntoTheFilters() {
        noClasses()
                .that()
                .resideInAPackage("dev.gradfit.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.gradfit.web..")
                .because("what the filters refuse and the api maps is shared through dev.gradfit.http")
                .check(GRADFIT);
    }

    @Test
    void requestRefusalsBelongToNeitherLayer() {
        noClasses()
                .that()
                .resideInAPackage("dev.gradfit.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.gradfit.api..", "dev.gradfit.web..")
                .because("the web filters raise these refusals and the api maps them, so neither may own them")
                .check(GRADFIT);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.gradfit.(**)").should().beFreeOfCycles().check(GRADFIT);
    }

    @Test
    void theApiNamesFewFittingTypes() {
        classes()
                .that()
                .resideInAPackage("dev.gradfit.api..")
                .should(dependOnAtMostSoManyTypesIn("dev.gradfit.fitting.."))
                .because("the api maps requests to the service's settings and reads the service's views of a fit;"
                        + " a long list of optimizers, schedules and losses in it is construction that belongs below")
                .check(GRADFIT);
    }

    /**
     * Counted on disk rather than from the classes, so that a {@code package-info.java} counts whether or not the
     * compiler wrote a class for it.
     */
    @Test
    void noPackageHoldsMoreThanTwentySourceFiles() throws IOException {
        Path sources = Path.of("src/main/java");
        Map<String, Long> crowded;
        try (Stream<Path> files = Files.walk(sources)) {
            crowded = files.filter(file -> file.getFileName().toString().endsWith(".java"))
                    .collect(groupingBy(
                            file -> sources.relativize(file.getParent()).toString(), TreeMap::new, counting()));
        }
        assertThat(crowded).as("java files per package under %s", sources).isNotEmpty();
        crowded.values().removeIf(count -> count <= AT_MOST);
        assertThat(crowded)
                .as(
                        "packages of more than %d source files: a reader finds a family by its folder, not by scanning"
                                + " a long alphabetical list",
                        AT_MOST)
                .isEmpty();
    }

    /**
     * Counts the distinct types in {@code packages} that all the classes checked together depend on, as ArchUnit
     * sees dependencies (imports or not: a call on a returned value counts), a nested type apart from its outer one.
     */
    private static ArchCondition<JavaClass> dependOnAtMostSoManyTypesIn(String packages) {
        DescribedPredicate<JavaClass> target = resideInAnyPackage(packages);
        return new ArchCondition<>("together depend on at most " + AT_MOST + " types in " + packages) {
            private final SortedMap<String, Set<String>> users = new TreeMap<>();

            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    JavaClass type = dependency.getTargetClass().getBaseComponentType();
                    if (target.test(type)) {
                        users.computeIfAbsent(type.getName(), name -> new TreeSet<>())
                                .add(item.getName());
                    }
                }
            }

            @Override
            public void finish(ConditionEvents events) {
                StringBuilder list = new StringBuilder();
                users.forEach((type, by) ->
                        list.append("\n  ").append(type).append(" <- ").append(by));
                events.add(new SimpleConditionEvent(
                        users,
                        users.size() <= AT_MOST,
                        users.size() + " types in " + packages + " are used, more than " + AT_MOST + ":" + list));
            }
        };
    }
}
