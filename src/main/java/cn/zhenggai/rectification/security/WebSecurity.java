package cn.zhenggai.rectification.security;

import cn.zhenggai.rectification.audit.AuditAction;
import cn.zhenggai.rectification.audit.AuditTrail;
import cn.zhenggai.rectification.vocabulary.GroupType;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One sign-in for everything. The APIs ({@code /api}, {@code /engine-rest}) take HTTP Basic on every request and keep
 * no session, so no cookie can be ridden across sites; pages take the sign-in form and a session. Camunda's web
 * applications and REST API trust the signed-in user (container-based authentication) and check Camunda's
 * authorizations for that user.
 */
@Configuration
class WebSecurity {

  /** Our own pages: nothing from elsewhere, nothing inline. Camunda's applications send their own policy. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

  /** Supervisors, county leaders and administrators: Cockpit, the supervision pages, the ledger. */
  private static final String[] READERS_OF_EVERYTHING = Arrays.stream(GroupType.values())
      .filter(GroupType::readsEverything).map(GroupType::name).toArray(String[]::new);
  private static final String ADMINISTRATORS = GroupType.SYSTEM.name();
  /** The audit trail: supervisors and administrators, not county leaders. */
  private static final String[] AUDITORS = {GroupType.SUPERVISOR.name(), GroupType.SYSTEM.name()};

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

  @Bean
  @Order(1)
  SecurityFilterChain apis(HttpSecurity http, ApiErrors errors, ClientAddress clientAddress,
      ApplicationAvailability availability) throws Exception {
    // Path patterns, not MVC patterns: /engine-rest is Jersey's servlet, not Spring MVC's. The actuator is here for
    // HTTP Basic on every request (Prometheus scrapes so).
    http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/api/**"), PATHS.matcher("/engine-rest/**"),
            PATHS.matcher("/actuator/**")))
        .authorizeHttpRequests(requests -> requests
            // health and its probes for load balancers and compose; their details only for administrators
            .requestMatchers(PATHS.matcher(HttpMethod.GET, "/actuator/health"),
                PATHS.matcher(HttpMethod.GET, "/actuator/health/liveness"),
                PATHS.matcher(HttpMethod.GET, "/actuator/health/readiness"))
            .permitAll()
            .requestMatchers(PATHS.matcher("/actuator/**")).hasRole(ADMINISTRATORS)
            // passwords are checked by the sign-in only, where wrong ones are counted (SignInThrottle)
            .requestMatchers(PATHS.matcher("/engine-rest/identity/verify/**"),
                PATHS.matcher("/engine-rest/engine/*/identity/verify/**"))
            .denyAll()
            .requestMatchers(PATHS.matcher("/api/audit/**")).hasAnyRole(AUDITORS)
            .requestMatchers(PATHS.matcher("/api/ledger/**"), PATHS.matcher("/api/rounds/**"))
            .hasAnyRole(READERS_OF_EVERYTHING)
            .requestMatchers(PATHS.matcher("/api/operations/**")).hasRole(ADMINISTRATORS)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint(errors).authenticationDetailsSource(clientAddress))
        .addFilterBefore(new SignInWhileStarting(availability), BasicAuthenticationFilter.class)
        .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
        .csrf(csrf -> csrf.disable()) // stateless: every request carries its credentials, no cookie to forge with
        .headers(headers -> headers
            .frameOptions(frame -> frame.deny())
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain pages(HttpSecurity http, ClientAddress clientAddress, ApplicationAvailability availability,
      AuditTrail trail) throws Exception {
    RequestMatcher camunda = PATHS.matcher("/camunda/**");
    // evidence files (佐证材料): the Tasklist panel's calls, and the files and zips it and the case page link to
    RequestMatcher evidence = PATHS.matcher("/evidence/**");
    // requests for more time (延期申请): the Tasklist panel's calls
    RequestMatcher extensions = PATHS.matcher("/extensions/**");
    RequestMatcher servedFiles = new OrRequestMatcher(PATHS.matcher(HttpMethod.GET, "/evidence/files/**"),
        PATHS.matcher(HttpMethod.GET, "/evidence/cases/**"));
    http.authorizeHttpRequests(requests -> requests
            // passwords are checked by the sign-in only, where wrong ones are counted (SignInThrottle)
            .requestMatchers(PATHS.matcher("/camunda/api/engine/engine/*/identity/verify/**"),
                PATHS.matcher("/camunda/api/admin/auth/user/*/login/**"))
            .denyAll()
            .requestMatchers("/login", "/error", "/zhenggai/**", "/favicon.ico").permitAll()
            .requestMatchers(PATHS.matcher("/supervision/audit/**"), PATHS.matcher("/supervision/audit.xlsx"))
            .hasAnyRole(AUDITORS)
            // Camunda checks application access at sign-in; these rules also close the applications' own APIs.
            .requestMatchers(PATHS.matcher("/camunda/app/cockpit/**"), PATHS.matcher("/camunda/api/cockpit/**"),
                PATHS.matcher("/supervision/**"))
            .hasAnyRole(READERS_OF_EVERYTHING)
            .requestMatchers(PATHS.matcher("/camunda/app/admin/**"), PATHS.matcher("/camunda/api/admin/plugin/**"),
                PATHS.matcher("/operations/**"))
            .hasRole(ADMINISTRATORS)
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage("/login").failureUrl("/login?error").authenticationDetailsSource(clientAddress)
            .successHandler(new SignInAudit(trail, new BackToTheLink("/camunda/app/tasklist/default/"))))
        .httpBasic(basic -> basic.authenticationDetailsSource(clientAddress))
        .addFilterBefore(new SignInWhileStarting(availability), UsernamePasswordAuthenticationFilter.class)
        // scripts' calls get 401; a link to a file or zip opened while signed out goes to the sign-in and back
        .exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
            new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
            new OrRequestMatcher(PATHS.matcher("/camunda/api/**"), extensions,
                new AndRequestMatcher(evidence, new NegatedRequestMatcher(servedFiles)))))
        .logout(logout -> logout
            .logoutRequestMatcher(new OrRequestMatcher(PATHS.matcher(HttpMethod.POST, "/logout"), camundaLogout()))
            .addLogoutHandler((request, response, authentication) -> {
              if (authentication != null) {
                trail.record(AuditTrail.Actor.named(authentication.getName()),
                    AuditTrail.Entry.of(AuditAction.SIGN_OUT, null, null));
              }
            })
            .logoutSuccessHandler((request, response, authentication) -> {
              if (camundaLogout().matches(request)) {
                response.setStatus(HttpServletResponse.SC_OK); // the application then goes to its login route
              } else {
                response.sendRedirect(request.getContextPath() + "/login?logout");
              }
            }))
        // Camunda's applications carry their own CSRF protection (X-XSRF-TOKEN header), checked first by us so that a
        // forged request does not end the session as Camunda's check would. Tasklist's evidence panel sends the same
        // header with its uploads and removals (the body of an upload is the file itself, with no room for a token), and
        // so does its extension panel.
        .csrf(csrf -> csrf.ignoringRequestMatchers(camunda, evidence, extensions))
        .addFilterBefore(new CamundaCsrfCheck(), CsrfFilter.class)
        .headers(headers -> headers
            .frameOptions(frame -> frame.sameOrigin())
            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                // served evidence files carry a policy of their own (no script at all)
                new NegatedRequestMatcher(new OrRequestMatcher(camunda, PATHS.matcher("/swagger-ui/**"), servedFiles)),
                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY))));
    return http.build();
  }

  /**
   * The logout of Camunda's applications ends the whole sign-in. It must carry Camunda's CSRF header, which a page
   * of another site cannot send.
   */
  private static RequestMatcher camundaLogout() {
    return new AndRequestMatcher(
        PATHS.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/logout"),
        new RequestHeaderRequestMatcher("X-XSRF-TOKEN"));
  }

  @Bean
  FilterRegistrationBean<ContainerBasedAuthenticationFilter> webApplicationsTrustTheSignIn() {
    var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
    registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/camunda/*");
    return registration;
  }

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restApiTrustsTheSignIn() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
    registration.addInitParameter("rest-url-pattern-prefix", "/engine-rest");
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }
}
