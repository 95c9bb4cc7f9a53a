/**
 * Implementation details of the harness: not API. Anything here may change or disappear in any
 * release; use the types in {@code io.github.qpidharness} instead.
 */
package io.github.qpidharness.internal;
