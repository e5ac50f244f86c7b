@NullMarked
package io.clituner.examples.langchain4j;

import org.jspecify.annotations.NullMarked;
