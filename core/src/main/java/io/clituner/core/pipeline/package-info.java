/**
 * The pipeline that joins the stages: ingress guard, prompt, inference, output validation and the signed response.
 */
@NullMarked
package io.clituner.core.pipeline;

import org.jspecify.annotations.NullMarked;
