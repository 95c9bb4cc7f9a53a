package io.github.qpidharness.junit5.cases.parallel;

/** One class of the parallel suite; see {@link ParallelCaseBase}. */
public class ParallelCase08 extends ParallelCaseBase {}
