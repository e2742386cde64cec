/**
 * Temporal knowledge graphs: facts {@code (subject, relation, object, time)} whose time is a point at day, month or
 * year granularity or an interval with open ends ({@link dev.seedling.data.tkg.TimeValue}), an indexed in-memory
 * graph ({@link dev.seedling.data.tkg.TemporalKg}), and the loaders of the MultiTQ and CronQuestions files. Loader
 * errors name the file and line. Question answering over these graphs lives in {@code dev.seedling.eval.tkgqa}, not
 * here.
 */
package dev.seedling.data.tkg;
