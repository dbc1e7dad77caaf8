package cn.zhenggai.rectification.notification;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders notification emails from the templates under {@code templates/mail}: HTML, and a plain-text alternative. */
@Component
class NoticeMail {

  record Rendered(String subject, String html, String text) {}

  private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
  private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");

  Rendered render(String template, String subject, Map<String, Object> model) {
    Context context = new Context();
    context.setVariables(model);
    context.setVariable("subject", subject);
    return new Rendered(subject, html.process(template, context), text.process(template, context));
  }

  private static TemplateEngine engine(TemplateMode mode, String suffix) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/mail/");
    resolver.setSuffix(suffix);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding("UTF-8");
    TemplateEngine engine = new SpringTemplateEngine(); // Spring expressions, as in our pages
    engine.setTemplateResolver(resolver);
    return engine;
  }
}
