package io.tripflow.bench;

/** One numbered benchmark: it measures and adds its figures to the table. */
interface Benchmark {

    void run(Bench bench) throws Exception;
}
