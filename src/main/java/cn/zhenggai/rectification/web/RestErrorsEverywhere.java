package cn.zhenggai.rectification.web;

import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Our error mapping ({@link RestErrors}) in every Jersey application of the server: the REST API under
 * {@code /engine-rest} and the one Camunda's own applications call under {@code /camunda/api}, whose configuration
 * is not ours to extend. So a secretary completing a task in Tasklist gets the same Chinese message as an API client
 * (a refused value, a conflict, the database out of reach). Found by Jersey through
 * {@code META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}.
 */
public class RestErrorsEverywhere implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    context.register(RestErrors.EngineErrors.class);
    context.register(RestErrors.TransactionErrors.class);
    context.register(RestErrors.UnexpectedErrors.class);
    context.register(RestErrors.ResourceErrors.class);
    context.register(RestErrors.UnreadableJson.class);
    context.register(RestErrors.MisshapenJson.class);
  }
}
