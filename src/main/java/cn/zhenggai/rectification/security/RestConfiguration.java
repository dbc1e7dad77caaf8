package cn.zhenggai.rectification.security;

import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Camunda's REST API with our error mapping. */
@Configuration
class RestConfiguration {

  @Bean
  CamundaJerseyResourceConfig camundaJerseyResourceConfig() {
    return new CamundaJerseyResourceConfig() {
      @Override
      protected void registerAdditionalResources() {
        register(RestErrors.EngineErrors.class);
        register(RestErrors.ResourceErrors.class);
        register(RestErrors.UnreadableJson.class);
        register(RestErrors.MisshapenJson.class);
      }
    };
  }
}
